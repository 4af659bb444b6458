using Jiuzhu.Cases.Calendar;
using static Jiuzhu.Tests.Calendar.OfficialCalendar;

namespace Jiuzhu.Tests.Calendar;

public sealed class CalendarFileTests
{
    [Fact]
    public void The_official_file_reads_as_two_years()
    {
        var document = Document();
        Assert.StartsWith("State Council", document.Source);
        Assert.Equal([2025, 2026], document.Years.Select(y => y.Year));
        Assert.Equal((28, 5), (document.Years[0].Holidays, document.Years[0].AdjustedWorkingDays));
        Assert.Equal((33, 6), (document.Years[1].Holidays, document.Years[1].AdjustedWorkingDays));
    }

    [Fact]
    public void Adjusted_working_days_are_named_after_the_festival_they_make_up_for()
    {
        var entries = Document().Years.SelectMany(y => y.Entries).ToDictionary(e => e.Date);
        Assert.Equal("春节", entries[D(2026, 2, 14)].Name);
        Assert.Equal("春节", entries[D(2026, 2, 28)].Name);
        Assert.Equal("元旦", entries[D(2026, 1, 4)].Name);
        Assert.Equal("中秋节", entries[D(2026, 9, 20)].Name);
        Assert.Equal("国庆节", entries[D(2026, 10, 10)].Name);
        Assert.Equal("国庆节、中秋节", entries[D(2025, 9, 28)].Name);
        Assert.Equal(CalendarDayKind.AdjustedWorkingDay, entries[D(2026, 2, 14)].Kind);
        Assert.Equal(CalendarDayKind.Holiday, entries[D(2026, 2, 15)].Kind);
    }

    [Theory]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-02-30"]}}}}""", "$.years['2026'].holidays['春节'][0]：“2026-02-30”不是有效日期")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-2-15"]}}}}""", "$.years['2026'].holidays['春节'][0]：“2026-2-15”不是有效日期")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":[20260215]}}}}""", "“20260215”不是有效日期")]
    [InlineData("""{"years":{"2026":{"holidays":{"元旦":["2027-01-01"]}}}}""", "$.years['2026'].holidays['元旦'][0]：2027-01-01 不属于 2026 年")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-02-15"]},"adjusted_working_days":["2026-02-15"]}}}""",
        "$.years['2026'].adjusted_working_days[0]：2026-02-15 同时被列为节假日（$.years['2026'].holidays['春节'][0]）和调休上班日")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-02-15"]},"adjusted_working_days":["2026-02-16"]}}}""",
        "$.years['2026'].adjusted_working_days[0]：2026-02-16 是星期一，本来就是工作日")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-02-15"],"除夕":["2026-02-15"]}}}}""", "$.years['2026'].holidays['除夕'][0]：2026-02-15 已在 $.years['2026'].holidays['春节'][0] 列出")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":["2026-02-15"]},"adjusted_workdays":[]}}}""", "$.years['2026']：未知字段“adjusted_workdays”")]
    [InlineData("""{"years":{"26":{"holidays":{"春节":["2026-02-15"]}}}}""", "$.years['26']：年份应为 2000 至 2100 之间的四位数字")]
    [InlineData("""{"years":{"2026":{"holidays":{}}}}""", "$.years['2026'].holidays 没有列出任何节假日")]
    [InlineData("""{"years":{"2026":{"holidays":{"春节":"2026-02-15"}}}}""", "$.years['2026'].holidays['春节'] 应为日期数组")]
    [InlineData("""{"years":{}}""", "$.years 中没有任何年份")]
    [InlineData("""{"source":"x"}""", "$.years 缺失或不是对象")]
    [InlineData("""[]""", "$ 应为 JSON 对象")]
    [InlineData("{\"years\":\n{\"2026\": {,}}}", "不是有效的 JSON（第 2 行")]
    public void A_bad_file_is_refused_with_the_JSON_path_of_the_problem(string json, string expected)
    {
        var result = CalendarFile.Parse(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(CalendarFile.InvalidCode, result.Error!.Code);
        Assert.Contains(expected, result.Error.Message);
    }

    [Fact]
    public void Many_problems_are_reported_together_up_to_a_limit()
    {
        var dates = string.Join(",", Enumerable.Range(1, 12).Select(i => $"\"2026-13-{i:00}\""));
        var result = CalendarFile.Parse("""{"years":{"2026":{"holidays":{"春节":[""" + dates + "]}}}}");
        Assert.Contains("[9]", result.Error!.Message);
        Assert.DoesNotContain("[10]", result.Error.Message);
        Assert.Contains("另有 2 处问题", result.Error.Message);
    }
}
