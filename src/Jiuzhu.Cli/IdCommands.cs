using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Cli;

/// <summary>
/// `jiuzhu id check [--uscc] &lt;number&gt;…`: one JSON line per input saying whether it is valid, its 18-character
/// form and, if not, why. Needs no database, so it builds no host.
/// </summary>
internal static class IdCommands
{
    public const string Usage = "用法 / usage: jiuzhu id check [--uscc] <number>…";

    // The platform's JSON options, but without escaping '+' (and other HTML-sensitive characters) as \u002B:
    // inputs like 3.71121E+17 must read as typed. The line goes to a terminal or a pipe, never into a page.
    private static readonly JsonSerializerOptions Json = new(JiuzhuCommandLine.Json)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var numbers = new Argument<string[]>("number")
        {
            Description = "要检查的身份证号（或统一社会信用代码），可以有多个 / numbers to check, one or more",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var uscc = new Option<bool>("--uscc")
        {
            Description = "检查统一社会信用代码（GB 32100-2015）而不是身份证号 / check unified social credit codes instead of identity numbers",
        };
        var check = new Command("check", "检查身份证号（GB 11643-1999）：每个号码输出一行 JSON / check identity numbers: one JSON line each")
        {
            numbers, uscc,
        };
        check.SetAction(result => Run(result.GetValue(numbers) ?? [], result.GetValue(uscc)));

        var id = new Command("id", "身份证号与统一社会信用代码 / identity numbers and unified social credit codes");
        id.Subcommands.Add(check);
        return id;
    }

    /// <summary>Exit code 0 whatever the verdicts (an invalid number is an answer, not a failure); 2 without input.</summary>
    private static int Run(string[] inputs, bool uscc)
    {
        if (inputs.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        foreach (var input in inputs)
        {
            var line = uscc ? LineOf(UnifiedSocialCreditCode.Check(input), input) : LineOf(ResidentId.Check(input), input);
            Console.Out.WriteLine(JsonSerializer.Serialize(line, Json));
        }

        return 0;
    }

    private static CheckLine LineOf(ResidentIdCheck c, string input) => new(
        input,
        c.Valid,
        c.Normalized,
        c.Reason?.Message,
        c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        c.Sex switch { Sex.Male => "male", Sex.Female => "female", _ => null },
        c.RegionCode,
        c.Reason?.Code);

    private static CheckLine LineOf(UnifiedSocialCreditCodeCheck c, string input) =>
        new(input, c.Valid, c.Normalized, c.Reason?.Message, null, null, c.RegionCode, c.Reason?.Code);

    // The key order of the line is the documented format (docs/identity-numbers.md): declaration order here.
    private sealed record CheckLine(
        string Input,
        bool Valid,
        string? Normalized,
        string? Reason,
        string? BirthDate,
        string? Sex,
        string? RegionCode,
        string? ReasonCode);
}
