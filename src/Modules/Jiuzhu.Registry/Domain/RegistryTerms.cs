namespace Jiuzhu.Registry.Domain;

/// <summary>
/// The Chinese names of registry values as staff write them: shown on pages and read back from import files.
/// Reading accepts the common longer forms (低保对象, 特困 …) besides the names shown.
/// </summary>
public static class RegistryTerms
{
    public static string CategoryName(AssistanceCategory category) => category switch
    {
        AssistanceCategory.ExtremelyPoor => "特困人员",
        AssistanceCategory.MinimumLiving => "低保",
        AssistanceCategory.MinimumLivingEdge => "低保边缘",
        AssistanceCategory.RigidExpense => "刚性支出困难",
        AssistanceCategory.TemporaryHardship => "临时遇困",
        _ => category.ToString(),
    };

    public static string RelationName(Relation relation) => relation switch
    {
        Relation.Head => "户主",
        Relation.Spouse => "配偶",
        Relation.Child => "子女",
        Relation.Grandchild => "孙子女",
        Relation.Parent => "父母",
        Relation.Sibling => "兄弟姐妹",
        _ => "其他",
    };

    public static string SexName(Sex sex) => sex == Sex.Male ? "男" : "女";

    public static string NeedName(NeedFlags flag) => flag switch
    {
        NeedFlags.ElderlyLivingAlone => "独居老人",
        NeedFlags.Aged80Plus => "80岁以上",
        NeedFlags.Dependent => "失能/半失能",
        NeedFlags.SevereDisability => "重度残疾",
        NeedFlags.SeriouslyIll => "重病",
        NeedFlags.ChildInDifficulty => "困境儿童",
        NeedFlags.LeftBehindChild => "留守儿童",
        NeedFlags.SingleParent => "单亲家庭",
        NeedFlags.GrandparentRaised => "隔代抚养",
        NeedFlags.FamilyCaregiver => "家庭照护者",
        NeedFlags.WorkingAgeAble => "有劳动能力",
        NeedFlags.LongTermUnemployed => "长期失业",
        NeedFlags.YoungDisabled => "青年残疾人",
        _ => flag.ToString(),
    };

    /// <summary>Every single need flag, in display order.</summary>
    public static IReadOnlyList<NeedFlags> Needs { get; } = Enum.GetValues<NeedFlags>().Where(n => n != NeedFlags.None).ToArray();

    public static IEnumerable<string> NeedNames(NeedFlags flags) => Needs.Where(n => flags.HasFlag(n)).Select(NeedName);

    private static readonly Dictionary<string, AssistanceCategory> CategoryWords = Words(
        Enum.GetValues<AssistanceCategory>().Select(c => (CategoryName(c), c)),
        [
            ("特困", AssistanceCategory.ExtremelyPoor), ("特困供养", AssistanceCategory.ExtremelyPoor), ("特困供养人员", AssistanceCategory.ExtremelyPoor),
            ("低保对象", AssistanceCategory.MinimumLiving), ("低保户", AssistanceCategory.MinimumLiving), ("最低生活保障", AssistanceCategory.MinimumLiving),
            ("低保边缘家庭", AssistanceCategory.MinimumLivingEdge), ("低保边缘户", AssistanceCategory.MinimumLivingEdge),
            ("刚性支出困难家庭", AssistanceCategory.RigidExpense), ("支出型困难家庭", AssistanceCategory.RigidExpense),
            ("临时遇困人员", AssistanceCategory.TemporaryHardship), ("临时救助", AssistanceCategory.TemporaryHardship),
        ]);

    private static readonly Dictionary<string, Relation> RelationWords = Words(
        Enum.GetValues<Relation>().Select(r => (RelationName(r), r)),
        [
            ("本人", Relation.Head), ("户主本人", Relation.Head),
            ("妻", Relation.Spouse), ("妻子", Relation.Spouse), ("夫", Relation.Spouse), ("丈夫", Relation.Spouse),
            ("子", Relation.Child), ("女", Relation.Child), ("儿子", Relation.Child), ("女儿", Relation.Child), ("长子", Relation.Child), ("长女", Relation.Child),
            ("次子", Relation.Child), ("次女", Relation.Child),
            ("孙子", Relation.Grandchild), ("孙女", Relation.Grandchild), ("外孙子", Relation.Grandchild), ("外孙女", Relation.Grandchild),
            ("父亲", Relation.Parent), ("母亲", Relation.Parent), ("父", Relation.Parent), ("母", Relation.Parent),
            ("兄", Relation.Sibling), ("弟", Relation.Sibling), ("姐", Relation.Sibling), ("妹", Relation.Sibling),
            ("哥哥", Relation.Sibling), ("弟弟", Relation.Sibling), ("姐姐", Relation.Sibling), ("妹妹", Relation.Sibling),
        ]);

    private static readonly Dictionary<string, NeedFlags> NeedWords = Words(
        Needs.Select(n => (NeedName(n), n)),
        [
            ("80周岁以上", NeedFlags.Aged80Plus), ("高龄", NeedFlags.Aged80Plus), ("失能", NeedFlags.Dependent), ("半失能", NeedFlags.Dependent),
            ("重残", NeedFlags.SevereDisability), ("重病患者", NeedFlags.SeriouslyIll), ("大病", NeedFlags.SeriouslyIll),
        ]);

    public static bool TryParseCategory(string text, out AssistanceCategory category) => CategoryWords.TryGetValue(Key(text), out category);

    public static bool TryParseRelation(string text, out Relation relation) => RelationWords.TryGetValue(Key(text), out relation);

    public static bool TryParseNeed(string text, out NeedFlags need) => NeedWords.TryGetValue(Key(text), out need);

    public static bool TryParseSex(string text, out Sex sex)
    {
        switch (Key(text))
        {
            case "男" or "男性":
                sex = Sex.Male;
                return true;
            case "女" or "女性":
                sex = Sex.Female;
                return true;
            default:
                sex = default;
                return false;
        }
    }

    // Full-width parentheses and slashes are what a Chinese input method types; spaces inside a term carry nothing.
    private static string Key(string text) => new(text.Trim()
        .Replace('（', '(').Replace('）', ')').Replace('／', '/')
        .Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static Dictionary<string, T> Words<T>(IEnumerable<(string Word, T Value)> names, (string Word, T Value)[] aliases)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (word, value) in names.Concat(aliases))
        {
            map[Key(word)] = value;
        }

        return map;
    }
}
