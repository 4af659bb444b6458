using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Web.Components.Registry;

/// <summary>Chinese names of registry values, used as localization keys.</summary>
public static class RegistryText
{
    public static string Category(AssistanceCategory? c) => c switch
    {
        null => "尚未纳入救助",
        AssistanceCategory.ExtremelyPoor => "特困人员",
        AssistanceCategory.MinimumLiving => "低保",
        AssistanceCategory.MinimumLivingEdge => "低保边缘",
        AssistanceCategory.RigidExpense => "刚性支出困难",
        AssistanceCategory.TemporaryHardship => "临时遇困",
        _ => c.Value.ToString(),
    };

    public static string Relation(Relation r) => r switch
    {
        Jiuzhu.Registry.Domain.Relation.Head => "户主",
        Jiuzhu.Registry.Domain.Relation.Spouse => "配偶",
        Jiuzhu.Registry.Domain.Relation.Child => "子女",
        Jiuzhu.Registry.Domain.Relation.Grandchild => "孙子女",
        Jiuzhu.Registry.Domain.Relation.Parent => "父母",
        Jiuzhu.Registry.Domain.Relation.Sibling => "兄弟姐妹",
        _ => "其他",
    };

    public static string Sex(Sex s) => s == Jiuzhu.Registry.Domain.Sex.Male ? "男" : "女";

    public static IEnumerable<string> Needs(NeedFlags flags)
    {
        foreach (var flag in Enum.GetValues<NeedFlags>())
        {
            if (flag != NeedFlags.None && flags.HasFlag(flag))
            {
                yield return Need(flag);
            }
        }
    }

    public static string Need(NeedFlags flag) => flag switch
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
}
