using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiuzhu.Cli;

namespace Jiuzhu.Tests.Matching;

[Collection(ConsoleCollection.Name)]
public sealed partial class MatchCommandTests : IDisposable
{
    private const string Providers = "provider_id,lat,lon,items,capacity\nP1,35.7600,119.2000,助餐;助洁,1\nP2,35.7600,119.2050,助餐,1\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("jiuzhu-match-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string Out => Path.Combine(_dir, "assignment.csv");

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

    private async Task<string> RunFailingAsync(string needs, string providers = Providers, params string[] more)
    {
        var (exitCode, output, error) = await RunAsync(
            ["match", "--needs", Write("needs.csv", needs), "--providers", Write("providers.csv", providers), "--out", Out, .. more]);
        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.False(File.Exists(Out), "no output file on bad input");
        return Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Small_files_give_the_optimal_assignment_and_the_summary()
    {
        // P1 and P2 have one place each. The red N2 reaches both, the yellow N3 only P2, the green N1 both: N2 takes P1
        // although N1 is nearer, N3 takes P2, N1 waits. N4 asks for an item nobody provides; N5 is too far from everything.
        var needs = Write("needs.csv", "need_id,lat,lon,item,priority\n"
            + "N1,35.7601,119.2001,助餐,3\n"
            + "N2,35.7620,119.2000,助餐,1\n"
            + "N3,35.7600,119.2049,助餐,2\n"
            + "N4,35.7600,119.2000,助浴,1\n"
            + "N5,35.9000,119.5000,助餐,2\n");
        var (exitCode, output, error) = await RunAsync("match", "--needs", needs, "--providers", Write("providers.csv", Providers), "--out", Out);
        Assert.True(exitCode == 0, error);
        Assert.Empty(error);

        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(
            ["needs", "assigned", "unassigned", "total_distance_m", "by_priority", "seconds", "unassigned_reasons"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, json.GetProperty("needs").GetInt32());
        Assert.Equal(2, json.GetProperty("assigned").GetInt32());
        Assert.Equal(3, json.GetProperty("unassigned").GetInt32());
        var byPriority = json.GetProperty("by_priority");
        Assert.Equal(["1", "2", "3"], byPriority.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, byPriority.GetProperty("1").GetProperty("needs").GetInt32());
        Assert.Equal(1, byPriority.GetProperty("1").GetProperty("assigned").GetInt32());
        Assert.Equal(0, byPriority.GetProperty("3").GetProperty("assigned").GetInt32());
        Assert.Equal(2, json.GetProperty("unassigned_reasons").GetProperty("no_provider_in_reach").GetInt32());
        Assert.Equal(1, json.GetProperty("unassigned_reasons").GetProperty("capacity_full").GetInt32());
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);

        var lines = File.ReadAllLines(Out);
        Assert.Equal("need_id,provider_id,distance_m", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        Assert.Equal(["N2", "N3"], rows.Keys);
        Assert.Equal("P1", rows["N2"][1]);
        Assert.Equal("P2", rows["N3"][1]);
        var n2 = Jiuzhu.Matching.GreatCircle.Metres(new(35.7620, 119.2000), new(35.7600, 119.2000)) * 1.3;
        Assert.Equal(Math.Round(n2, 3), double.Parse(rows["N2"][2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            json.GetProperty("total_distance_m").GetDecimal(),
            rows.Values.Sum(r => decimal.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_longer_walk_reaches_what_the_default_does_not()
    {
        var needs = Write("needs.csv", "need_id,lat,lon,item,priority\nN1,35.7700,119.2000,助餐,1\n");
        var providers = Write("providers.csv", Providers);
        var (_, standard, _) = await RunAsync("match", "--needs", needs, "--providers", providers, "--out", Out);
        Assert.Equal(0, JsonDocument.Parse(standard).RootElement.GetProperty("assigned").GetInt32());
        var (exitCode, longer, error) = await RunAsync("match", "--needs", needs, "--providers", providers, "--minutes", "30", "--speed", "1.2", "--out", Out);
        Assert.True(exitCode == 0, error);
        Assert.Equal(1, JsonDocument.Parse(longer).RootElement.GetProperty("assigned").GetInt32());
    }

    [Theory]
    [InlineData("need_id,lat,lon,item\nN1,35.76,119.2,助餐\n", "needs.csv 第 1 行：表头缺少列 priority")]
    [InlineData("need_id,lat,lon,item,priority\nN1,35.76,119.2,助餐,1\nN2,北纬35,119.2,助餐,1\n", "needs.csv 第 3 行，列 lat：“北纬35”不是数字")]
    [InlineData("need_id,lat,lon,item,priority\nN1,35.76,119.2,助餐,4\n", "needs.csv 第 2 行，列 priority：“4”不是 1、2 或 3")]
    [InlineData("need_id,lat,lon,item,priority\nN1,35.76,119.2,助餐,1\nN2,35.76,119.2,助餐,2\nN1,35.76,119.2,助餐,3\n", "needs.csv 第 4 行，列 need_id：“N1”与第 2 行重复")]
    [InlineData("need_id,lat,lon,item,priority\nN1,95,119.2,助餐,1\n", "needs.csv 第 2 行，列 lat：超出经纬度范围")]
    [InlineData("need_id,lat,lon,item,priority\nN1,35.76,119.2,,1\n", "needs.csv 第 2 行，列 item：不能为空")]
    [InlineData("need_id,lat,lon,item,priority\nN1,35.76,119.2\n", "needs.csv 第 2 行：只有 3 列")]
    public async Task Bad_needs_are_refused_with_the_line_and_no_output(string needs, string expected) =>
        Assert.Contains(expected, await RunFailingAsync(needs), StringComparison.Ordinal);

    [Theory]
    [InlineData("provider_id,lat,lon,items,capacity\nP1,35.76,119.2,助餐,-1\n", "providers.csv 第 2 行，列 capacity")]
    [InlineData("provider_id,lat,lon,items,capacity\nP1,35.76,119.2,;,1\n", "providers.csv 第 2 行，列 items")]
    [InlineData("provider_id,lat,lon,items,capacity\nP1,35.76,119.2,助餐,1\nP1,35.77,119.2,助餐,1\n", "providers.csv 第 3 行，列 provider_id")]
    [InlineData("provider,lat,lon,items,capacity\nP1,35.76,119.2,助餐,1\n", "providers.csv 第 1 行：表头缺少列 provider_id")]
    public async Task Bad_providers_are_refused_with_the_line_and_no_output(string providers, string expected) =>
        Assert.Contains(expected, await RunFailingAsync("need_id,lat,lon,item,priority\nN1,35.76,119.2,助餐,1\n", providers), StringComparison.Ordinal);

    [Fact]
    public async Task Missing_options_files_and_bad_profiles_are_refused()
    {
        var needs = "need_id,lat,lon,item,priority\nN1,35.76,119.2,助餐,1\n";
        Assert.Contains("--detour", await RunFailingAsync(needs, Providers, "--detour", "0.5"), StringComparison.Ordinal);
        Assert.Contains("--minutes", await RunFailingAsync(needs, Providers, "--minutes", "0"), StringComparison.Ordinal);
        var (exitCode, _, error) = await RunAsync("match", "--needs", Path.Combine(_dir, "none.csv"), "--providers", Write("p.csv", Providers), "--out", Out);
        Assert.Equal(1, exitCode);
        Assert.Contains("none.csv: 文件不存在", error, StringComparison.Ordinal);
        (exitCode, _, error) = await RunAsync("match", "--needs", Write("n.csv", needs));
        Assert.Equal(1, exitCode);
        Assert.Contains("需要 --needs、--providers 和 --out", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public async Task The_readme_example_prints_what_the_readme_shows()
    {
        var root = SharedData.RepositoryRoot();
        var examples = Path.Combine(root, "docs", "examples", "match");
        var (exitCode, output, error) = await RunAsync(
            "match", "--needs", Path.Combine(examples, "needs.csv"), "--providers", Path.Combine(examples, "providers.csv"), "--out", Out);
        Assert.True(exitCode == 0, error);
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var shown = Seconds().Replace(output.Trim(), "\"seconds\":0.1");
        Assert.Contains("\n" + shown + "\n", readme, StringComparison.Ordinal);
        Assert.Contains("\n" + File.ReadAllText(Out), readme, StringComparison.Ordinal);
    }

    [GeneratedRegex("\"seconds\":[0-9.eE+-]+")]
    private static partial Regex Seconds();
}
