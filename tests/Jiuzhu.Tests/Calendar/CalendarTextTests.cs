using Jiuzhu.Tests.Web;
using Jiuzhu.Web.Components.Calendar;

namespace Jiuzhu.Tests.Calendar;

public sealed class CalendarTextTests
{
    [Fact]
    public void Every_label_of_the_calendar_pages_has_an_English_translation()
    {
        var english = LocalizationTests.EnglishResources();
        var missing = CalendarText.AllLabels().Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Counter_test_the_labels_include_steps_case_types_and_units() =>
        Assert.Superset(new HashSet<string> { "受理", "所有类型", "个工作日", "调休上班", "周日" }, CalendarText.AllLabels().ToHashSet());
}
