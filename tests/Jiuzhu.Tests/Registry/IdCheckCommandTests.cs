using System.Text.Json;
using Jiuzhu.Cli;

namespace Jiuzhu.Tests.Registry;

[Collection(ConsoleCollection.Name)]
public sealed class IdCheckCommandTests
{
    private static readonly string[] LineKeys = ["input", "valid", "normalized", "reason", "birthDate", "sex", "regionCode", "reasonCode"];

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await JiuzhuCommandLine.Create(_ => Task.FromResult(0)).Parse(args).InvokeAsync();
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task Prints_one_line_per_input_and_exits_0_even_when_some_are_invalid()
    {
        var (exitCode, output, _) = await RunAsync("id", "check", "11010519491231002x", "3.71121E+17", "110105491231002");

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, line => Assert.Equal(LineKeys, line.EnumerateObject().Select(p => p.Name)));

        var valid = lines[0];
        Assert.Equal("11010519491231002x", valid.GetProperty("input").GetString());
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal("11010519491231002X", valid.GetProperty("normalized").GetString());
        Assert.Equal(JsonValueKind.Null, valid.GetProperty("reason").ValueKind);
        Assert.Equal("1949-12-31", valid.GetProperty("birthDate").GetString());
        Assert.Equal("female", valid.GetProperty("sex").GetString());
        Assert.Equal("110105", valid.GetProperty("regionCode").GetString());

        var lost = lines[1];
        Assert.False(lost.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lost.GetProperty("normalized").ValueKind);
        Assert.Equal("身份证号被表格软件转成了科学计数法（如 3.71121E+17），原号码已丢失，请按文本格式重新录入", lost.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, lost.GetProperty("birthDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, lost.GetProperty("sex").ValueKind);
        Assert.Equal(JsonValueKind.Null, lost.GetProperty("regionCode").ValueKind);
        Assert.Equal("id.scientific_notation", lost.GetProperty("reasonCode").GetString());

        Assert.Equal("11010519491231002X", lines[2].GetProperty("normalized").GetString());
    }

    [Fact]
    public async Task Chinese_reasons_and_inputs_are_printed_as_typed_not_escaped()
    {
        var (_, output, _) = await RunAsync("id", "check", "110105194912310021", "3.71121E+17");
        Assert.Contains("\"reason\":\"身份证号的校验码", output, StringComparison.Ordinal);
        Assert.Contains("\"input\":\"3.71121E+17\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_input_prints_usage_and_exits_2()
    {
        var (exitCode, output, error) = await RunAsync("id", "check");
        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("jiuzhu id check [--uscc] <number>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uscc_option_checks_credit_codes_with_the_same_line_shape()
    {
        var (exitCode, output, _) = await RunAsync("id", "check", "--uscc", "914403001922038216", "9.14403E+17");

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(LineKeys, line.EnumerateObject().Select(p => p.Name)));
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Null, line.GetProperty("birthDate").ValueKind));
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Null, line.GetProperty("sex").ValueKind));
        Assert.True(lines[0].GetProperty("valid").GetBoolean());
        Assert.Equal("440300", lines[0].GetProperty("regionCode").GetString());
        Assert.Equal("uscc.scientific_notation", lines[1].GetProperty("reasonCode").GetString());
    }
}
