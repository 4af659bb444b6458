using System.Text;
using System.Text.Json;
using Jiuzhu.Cli;

namespace Jiuzhu.Tests.Assessment;

[Collection(ConsoleCollection.Name)]
public sealed class MpiCommandTests : IDisposable
{
    private const string FourFlags = """
        {"k": "1/2", "indicators": [
          {"name": "A1", "rule": "flag", "weight": "1/4", "dimension": "A"},
          {"name": "A2", "rule": "flag", "weight": 0.25, "dimension": "A"},
          {"name": "B1", "rule": "flag", "weight": "1/4", "dimension": "B"},
          {"name": "B2", "rule": "flag", "weight": "0.25", "dimension": "B"}
        ]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("jiuzhu-mpi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

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

    private async Task<JsonElement> RunOkAsync(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);
        Assert.True(exitCode == 0, error);
        Assert.Empty(error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private async Task<string> RunFailingAsync(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Assert.Single(lines);
    }

    [Fact]
    public async Task The_vectors_example_prints_its_published_figures()
    {
        var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors", "alkire-foster.json"))).RootElement;
        var example = vectors.GetProperty("examples")[0];
        var names = example.GetProperty("indicators").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var csv = new StringBuilder(string.Join(',', names)).Append('\n');
        foreach (var row in example.GetProperty("deprivation_matrix_g0").EnumerateArray())
        {
            csv.Append(string.Join(',', row.EnumerateArray().Select(c => c.GetInt32()))).Append('\n');
        }

        var spec = Write("spec.json", FourFlags);
        var data = Write("data.csv", csv.ToString());
        var result = await RunOkAsync("mpi", "--spec", spec, "--data", data);

        var computed = example.GetProperty("computed");
        Assert.Equal(["n", "q", "H", "A", "M0", "incomplete", "indicators"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, result.GetProperty("n").GetInt32());
        Assert.Equal(2, result.GetProperty("q").GetInt32());
        Assert.Equal(computed.GetProperty("H_float").GetDouble(), result.GetProperty("H").GetDouble());
        Assert.Equal(computed.GetProperty("A_float").GetDouble(), result.GetProperty("A").GetDouble());
        Assert.Equal(computed.GetProperty("M0_float").GetDouble(), result.GetProperty("M0").GetDouble());
        Assert.Equal(0, result.GetProperty("incomplete").GetInt32());
        var percent = computed.GetProperty("percent_contribution").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var uncensored = computed.GetProperty("uncensored_headcount").EnumerateArray().Select(e => Fraction(e).ToDouble()).ToArray();
        var censored = computed.GetProperty("censored_headcount").EnumerateArray().Select(e => Fraction(e).ToDouble()).ToArray();
        for (var j = 0; j < names.Length; j++)
        {
            var indicator = result.GetProperty("indicators").GetProperty(names[j]);
            Assert.Equal(percent[j], Math.Round(indicator.GetProperty("contribution").GetDouble(), 4));
            Assert.Equal(uncensored[j], indicator.GetProperty("uncensored").GetDouble());
            Assert.Equal(censored[j], indicator.GetProperty("censored").GetDouble());
        }

        Assert.Equal(100, result.GetProperty("indicators").EnumerateObject().Sum(p => p.Value.GetProperty("contribution").GetDouble()), 9);
    }

    private static Jiuzhu.Assessment.Mpi.Fraction Fraction(JsonElement e) => AlkireFosterVectorTests.Exact(e);

    [Fact]
    public async Task Rules_cutoffs_weights_subgroups_and_a_bom_with_quoted_fields()
    {
        var spec = Write("spec.json", """
            {"k": "1/3", "indicators": [
              {"name": "income", "column": "人均月收入", "rule": "below", "cutoff": 800, "weight": "1/2"},
              {"name": "medical", "column": "医疗支出占比", "rule": "at_least", "cutoff": "0.3", "weight": "1/4"},
              {"name": "alone", "column": "独居", "rule": "flag", "weight": "1/4"}
            ]}
            """);
        var data = Write("data.csv", "户,村,人口,人均月收入,医疗支出占比,独居,备注\r\n"
            + "1,\"东村\",3,799.99,0.1,0,\"说明, 带逗号\"\r\n"
            + "2,东村,1,800,0.3,1,\"两行\n备注\"\r\n"
            + "3,西村,2,1200,0.29,0,\"他说\"\"好\"\"\"\r\n"
            + "4,西村,4,0,0.5,1,\r\n", bom: true);

        var plain = await RunOkAsync("mpi", "--spec", spec, "--data", data);
        Assert.Equal(4, plain.GetProperty("n").GetInt32());
        Assert.Equal(3, plain.GetProperty("q").GetInt32()); // 799.99 < 800 is deprived, 800 is not; 0.3 ≥ 0.3 is
        Assert.False(plain.TryGetProperty("subgroups", out _));

        var weighted = await RunOkAsync("mpi", "--spec", spec, "--data", data, "--by", "村", "--weight", "人口");
        Assert.Equal(10, weighted.GetProperty("n").GetInt32());
        Assert.Equal(8, weighted.GetProperty("q").GetInt32());
        Assert.Equal(0.8, weighted.GetProperty("H").GetDouble());
        var groups = weighted.GetProperty("subgroups");
        Assert.Equal(["东村", "西村"], groups.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["n", "q", "H", "A", "M0", "share"], groups.GetProperty("东村").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, groups.GetProperty("东村").GetProperty("H").GetDouble());
        Assert.Equal(100, groups.EnumerateObject().Sum(g => g.Value.GetProperty("share").GetDouble()), 9);
        var m0 = weighted.GetProperty("M0").GetDouble();
        Assert.Equal(m0, groups.EnumerateObject().Sum(g => g.Value.GetProperty("n").GetDouble() / 10 * g.Value.GetProperty("M0").GetDouble()), 12);

        var strict = await RunOkAsync("mpi", "--spec", spec, "--data", data, "--k", "1");
        Assert.Equal(1, strict.GetProperty("q").GetInt32());
    }

    [Fact]
    public async Task Empty_cells_are_incomplete_by_default_and_reweighted_on_request()
    {
        const string indicators = """
            "indicators": [
              {"name": "income", "rule": "below", "cutoff": 800, "weight": "1/4", "dimension": "经济"},
              {"name": "medical", "rule": "at_least", "cutoff": 0.3, "weight": "1/4", "dimension": "经济"},
              {"name": "disabled", "rule": "flag", "weight": "1/2"}
            ]
            """;
        var data = Write("data.csv", "income,medical,disabled\n700,,0\n,,1\n900,0.1,0\n");

        var incomplete = await RunOkAsync("mpi", "--spec", Write("a.json", $$"""{"k": "1/2", {{indicators}}}"""), "--data", data);
        Assert.Equal(2, incomplete.GetProperty("incomplete").GetInt32());
        Assert.Equal(1, incomplete.GetProperty("n").GetInt32());
        Assert.Equal(0, incomplete.GetProperty("q").GetInt32());

        var reweighted = await RunOkAsync("mpi", "--spec", Write("b.json", $$"""{"k": "1/2", "missing": "reweight", {{indicators}}}"""), "--data", data);
        Assert.Equal(1, reweighted.GetProperty("incomplete").GetInt32()); // the whole 经济 dimension is missing on line 3
        Assert.Equal(2, reweighted.GetProperty("n").GetInt32());
        Assert.Equal(1, reweighted.GetProperty("q").GetInt32()); // line 2: income carries the dimension's 1/2
    }

    [Fact]
    public async Task Missing_files_and_unknown_columns_name_the_file()
    {
        var spec = Write("spec.json", FourFlags);
        var data = Write("data.csv", "A1,A2,B1,B2,村\n1,0,0,1,东\n");

        Assert.Contains("nope.csv: 文件不存在", await RunFailingAsync("mpi", "--spec", spec, "--data", Path.Combine(_dir, "nope.csv")), StringComparison.Ordinal);
        Assert.Contains("none.json: 文件不存在", await RunFailingAsync("mpi", "--spec", Path.Combine(_dir, "none.json"), "--data", data), StringComparison.Ordinal);
        Assert.Contains("需要 --spec 和 --data", await RunFailingAsync("mpi", "--spec", spec), StringComparison.Ordinal);
        Assert.Contains("没有分组列“乡”", await RunFailingAsync("mpi", "--spec", spec, "--data", data, "--by", "乡"), StringComparison.Ordinal);
        Assert.Contains("没有权重列“人口”", await RunFailingAsync("mpi", "--spec", spec, "--data", data, "--weight", "人口"), StringComparison.Ordinal);
        var other = Write("other.csv", "A1,A2,B1\n1,0,0\n");
        var line = await RunFailingAsync("mpi", "--spec", spec, "--data", other);
        Assert.Contains("other.csv", line, StringComparison.Ordinal);
        Assert.Contains("没有列“B2”", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_name_the_line_and_column()
    {
        var spec = Write("spec.json", """
            {"k": 0.5, "indicators": [
              {"name": "income", "column": "收入", "rule": "below", "cutoff": 800, "weight": 0.5},
              {"name": "alone", "column": "独居", "rule": "flag", "weight": 0.5}
            ]}
            """);

        var line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("a.csv", "收入,独居,人口\n700,1,2\n\"7 00\",0,1\n"));
        Assert.Contains("a.csv 第 3 行，列 收入", line, StringComparison.Ordinal);
        Assert.Contains("不是数字", line, StringComparison.Ordinal);

        line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("b.csv", "收入,独居,人口\n700,1,2\n900,yes,1\n"));
        Assert.Contains("b.csv 第 3 行，列 独居", line, StringComparison.Ordinal);

        line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("c.csv", "收入,独居,人口\n700,1,-2\n"), "--weight", "人口");
        Assert.Contains("c.csv 第 2 行，列 人口", line, StringComparison.Ordinal);

        line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("d.csv", "收入,独居,人口\n700,1\n"));
        Assert.Contains("第 2 行", line, StringComparison.Ordinal);

        line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("e.csv", "收入,独居,人口\n700,1,\"2\n"));
        Assert.Contains("引号没有闭合", line, StringComparison.Ordinal);

        // A quoted line break counts: the bad value is on physical line 4.
        line = await RunFailingAsync("mpi", "--spec", spec, "--data", Write("f.csv", "收入,独居,人口\n700,1,\"a\nb\"\nabc,0,1\n"));
        Assert.Contains("第 4 行", line, StringComparison.Ordinal);

        Assert.Contains("--k", await RunFailingAsync("mpi", "--spec", spec, "--data", Write("g.csv", "收入,独居\n1,1\n"), "--k", "one third"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"k": "1/2", "indicators": [{"name": "a", "rule": "above", "cutoff": 1, "weight": 1}]}""", "未知规则 \"above\"")]
    [InlineData("""{"k": "1/2", "indicators": [{"name": "a", "rule": "below", "weight": 1}]}""", "需要 cutoff")]
    [InlineData("""{"k": "1/2", "indicators": [{"name": "a", "rule": "at_least", "weight": 1}]}""", "需要 cutoff")]
    [InlineData("""{"k": "1/2", "indicators": [{"name": "a", "rule": "flag", "weight": "1/3"}, {"name": "b", "rule": "flag", "weight": "0.6"}]}""", "权重之和必须等于 1")]
    [InlineData("""{"indicators": [{"name": "a", "rule": "flag", "weight": 1}]}""", "缺少 k")]
    [InlineData("""{"k": "1/2", "missing": "zero", "indicators": [{"name": "a", "rule": "flag", "weight": 1}]}""", "missing 只能是")]
    [InlineData("""{"k": "1/2", "indicators": [{"name": "a", "rule": "flag"}]}""", "缺少 weight")]
    [InlineData("""{"k": "1/2", "indicators": [ """, "不是有效的 JSON")]
    public async Task Bad_specs_are_refused_with_one_line(string json, string expected)
    {
        var line = await RunFailingAsync("mpi", "--spec", Write("spec.json", json), "--data", Write("data.csv", "a,b\n1,0\n"));
        Assert.Contains("spec.json", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_example_prints_what_the_readme_shows()
    {
        var root = SharedData.RepositoryRoot();
        var (exitCode, output, error) = await RunAsync(
            "mpi",
            "--spec", Path.Combine(root, "docs", "examples", "mpi", "spec.json"),
            "--data", Path.Combine(root, "docs", "examples", "mpi", "households.csv"),
            "--by", "村",
            "--weight", "人口");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains("\n" + output.Trim() + "\n", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
