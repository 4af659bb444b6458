using System.Text.RegularExpressions;
using System.Xml.Linq;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Web.Components.Audit;
using Jiuzhu.Web.Components.Cases;
using Jiuzhu.Web.Components.Geo;
using Jiuzhu.Web.Components.Registry;

namespace Jiuzhu.Tests.Web;

public sealed partial class LocalizationTests
{
    /// <summary>Every Chinese UI text used as a key, found literally in the pages or produced by the label helpers.</summary>
    internal static SortedSet<string> UsedKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebSource(), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in LiteralKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(Regex.Unescape(m.Groups[1].Value));
            }
        }

        foreach (var c in Enum.GetValues<AssistanceCategory>().Cast<AssistanceCategory?>().Append(null))
        {
            keys.Add(RegistryText.Category(c));
        }

        foreach (var r in Enum.GetValues<Relation>())
        {
            keys.Add(RegistryText.Relation(r));
        }

        foreach (var s in Enum.GetValues<Sex>())
        {
            keys.Add(RegistryText.Sex(s));
        }

        foreach (var n in Enum.GetValues<NeedFlags>().Where(n => n != NeedFlags.None))
        {
            keys.Add(RegistryText.Need(n));
        }

        foreach (var role in Roles.AccountRoles.Append(Roles.DepartmentSystem))
        {
            keys.Add(Roles.ChineseTitle(role));
        }

        foreach (var kind in Enum.GetValues<RegionKind>())
        {
            keys.Add(RegionKinds.ChineseName(kind));
        }

        foreach (var level in Enum.GetValues<RegionLevel>())
        {
            keys.Add(RegionText.LevelLabel(level));
        }

        foreach (var status in Enum.GetValues<Jiuzhu.Cases.Domain.CaseStatus>())
        {
            keys.Add(CaseText.Status(status));
        }

        foreach (var action in Enum.GetValues<Jiuzhu.Cases.Domain.CaseAction>())
        {
            keys.Add(CaseText.Action(action));
        }

        foreach (var channel in Enum.GetValues<Jiuzhu.Cases.Domain.CaseChannel>())
        {
            keys.Add(CaseText.Channel(channel));
        }

        foreach (var type in Jiuzhu.Cases.Domain.CaseTypes.All)
        {
            keys.Add(CaseText.Type(type));
        }

        foreach (var purpose in Jiuzhu.Registry.Domain.ConsentPurposes.All)
        {
            keys.Add(Jiuzhu.Registry.Domain.ConsentPurposes.ChineseName(purpose));
        }

        foreach (var status in Enum.GetValues<Jiuzhu.Catalog.Plans.PlanStatus>())
        {
            keys.Add(Jiuzhu.Web.Components.Plans.PlanText.Status(status));
        }

        keys.UnionWith(Jiuzhu.Web.Components.Assessment.InstrumentText.AllLabels());
        keys.UnionWith(Jiuzhu.Web.Components.Assessment.PolicyText.AllLabels());
        keys.UnionWith(Jiuzhu.Web.Components.Catalog.CatalogText.VocabularyNames());
        keys.UnionWith(Jiuzhu.Web.Components.Providers.ProviderText.VocabularyNames());
        keys.UnionWith(Departments.All.Values);

        foreach (var outcome in new[] { "success", "denied", "failed" })
        {
            keys.Add(AuditDisplay.OutcomeLabel(outcome));
        }

        return keys;
    }

    internal static Dictionary<string, string> EnglishResources() =>
        XDocument.Load(Path.Combine(WebSource(), "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    [Fact]
    public void Every_Chinese_UI_text_has_an_English_translation()
    {
        var english = EnglishResources();
        var missing = UsedKeys().Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void English_translations_are_not_left_empty_or_in_Chinese()
    {
        var bad = EnglishResources().Where(kv => string.IsNullOrWhiteSpace(kv.Value) || Han().IsMatch(kv.Value)).Select(kv => kv.Key).ToList();
        Assert.True(bad.Count == 0, "Untranslated:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void Counter_test_the_key_scanner_finds_keys_in_the_pages() =>
        Assert.Contains("用户名或密码错误。", UsedKeys());

    [Fact]
    public void Counter_test_keys_with_format_arguments_are_found_too() =>
        Assert.Contains("审计链完整：共 {0} 条记录，未发现修改、删除或顺序调换。", UsedKeys());

    private static string WebSource() => Path.Combine(SharedData.RepositoryRoot(), "src", "Jiuzhu.Web");

    // L["text"] and L["text with {0}", args].
    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
