using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Cli.Demo;

/// <summary>A village the demo population lives in.</summary>
internal sealed record DemoVillage(string Code, string Name, string TownshipName, bool Urban);

/// <summary>One synthetic person: every value is made up, the identity number is valid but belongs to nobody known.</summary>
internal sealed record DemoPerson(string Name, string IdNumber, Relation Relation, NeedFlags Needs, string? Phone);

/// <summary>One synthetic household.</summary>
internal sealed record DemoHousehold(string VillageCode, string Address, AssistanceCategory Category, IReadOnlyList<DemoPerson> Members);

/// <summary>
/// Deterministic synthetic households for a demo county: plausible structures (elderly living alone, grandparents
/// raising left-behind children, families with a seriously ill or disabled member…), assistance categories in
/// plausible proportions (mostly 低保 or 低保边缘, some 特困), realistic Chinese names and valid identity numbers
/// from the county's address code. The same seed always gives the same population.
/// </summary>
internal static class DemoPopulation
{
    private static readonly (string Surname, int Weight)[] Surnames =
    [
        ("王", 14), ("李", 12), ("张", 11), ("刘", 9), ("陈", 6), ("杨", 5), ("赵", 5), ("孙", 5), ("徐", 4), ("马", 4),
        ("于", 4), ("高", 3), ("郑", 3), ("朱", 3), ("丁", 3), ("厉", 3), ("管", 2), ("郝", 2), ("宋", 2), ("韩", 2),
        ("魏", 2), ("许", 2), ("秦", 1), ("袁", 1), ("卢", 1), ("贾", 1), ("潘", 1), ("薛", 1), ("尹", 1), ("付", 1),
    ];

    // Given names by generation, as they were commonly chosen in Shandong villages.
    private static readonly string[] OldMale = ["德福", "广才", "长胜", "永祥", "树林", "学文", "振海", "春生", "庆余", "守成", "宝山", "玉田", "洪福", "继昌", "金贵", "世明"];
    private static readonly string[] OldFemale = ["桂兰", "秀英", "玉兰", "凤英", "淑珍", "秀兰", "桂英", "玉珍", "春花", "翠花", "兰芳", "素梅", "金凤", "月娥", "秀芳", "淑兰"];
    private static readonly string[] MidMale = ["建华", "国强", "卫东", "志刚", "海涛", "建军", "立新", "红军", "文明", "永刚", "新民", "振华", "光辉", "庆国", "东升", "伟"];
    private static readonly string[] MidFemale = ["丽", "静", "红梅", "海燕", "丽娟", "艳", "秀梅", "玉霞", "晓燕", "春燕", "丽华", "美玲", "凤霞", "翠英", "慧", "敏"];
    private static readonly string[] YoungMale = ["子轩", "浩然", "宇航", "俊杰", "梓豪", "一鸣", "博文", "皓宇", "明哲", "晨阳", "泽宇", "嘉豪", "天佑", "思远", "文博", "锦程"];
    private static readonly string[] YoungFemale = ["欣怡", "梓涵", "雨桐", "诗涵", "一诺", "可馨", "梦瑶", "思琪", "紫萱", "语嫣", "佳怡", "若曦", "雨萱", "晨曦", "欣然", "诗雨"];

    private static readonly string[] PhonePrefixes = ["135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "182", "187", "188", "176", "177"];

    private enum Shape
    {
        ElderlyAlone,
        ElderlyCouple,
        GrandparentsAndGrandchildren,
        CoupleWithChildren,
        SingleParent,
        DisabledAdultWithParents,
        SingleAdult,
        ThreeGenerations,
    }

    private static readonly (Shape Shape, int Weight)[] Shapes =
    [
        (Shape.ElderlyAlone, 22), (Shape.ElderlyCouple, 15), (Shape.GrandparentsAndGrandchildren, 10), (Shape.CoupleWithChildren, 15),
        (Shape.SingleParent, 8), (Shape.DisabledAdultWithParents, 8), (Shape.SingleAdult, 12), (Shape.ThreeGenerations, 10),
    ];

    public static List<DemoHousehold> Generate(IReadOnlyList<DemoVillage> villages, string addressCode, int households, int seed, DateOnly today)
    {
        if (villages.Count == 0)
        {
            throw new ArgumentException("The county has no villages; import its regions first.", nameof(villages));
        }

        var rng = new Random(seed);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var weights = villages.Select(v => (v.Urban ? 0.6 : 1.0) * (0.5 + rng.NextDouble())).ToArray();
        var total = weights.Sum();
        var doorNumbers = new Dictionary<string, int>();
        var result = new List<DemoHousehold>(households);
        for (var i = 0; i < households; i++)
        {
            var village = villages[PickIndex(rng, weights, total)];
            var door = doorNumbers[village.Code] = doorNumbers.GetValueOrDefault(village.Code) + 1 + rng.Next(3);
            var address = $"{village.TownshipName}{ShortName(village.Name)}{door}号";
            var context = new Builder(rng, ids, addressCode, today);
            var shape = Pick(rng, Shapes);
            var members = context.Build(shape);
            result.Add(new DemoHousehold(village.Code, address, Category(rng, shape, members), members));
        }

        return result;
    }

    /// <summary>"洪凝社区居民委员会" → "洪凝社区", "东山村村民委员会" → "东山村".</summary>
    public static string ShortName(string villageName)
    {
        foreach (var suffix in new[] { "居民委员会", "村民委员会", "居委会", "村委会" })
        {
            if (villageName.EndsWith(suffix, StringComparison.Ordinal) && villageName.Length > suffix.Length)
            {
                var stem = villageName[..^suffix.Length];
                return suffix.StartsWith('村') && !stem.EndsWith('村') ? stem + "村" : stem;
            }
        }

        return villageName;
    }

    private static AssistanceCategory Category(Random rng, Shape shape, IReadOnlyList<DemoPerson> members)
    {
        var roll = rng.NextDouble();
        if (shape == Shape.ElderlyAlone || (shape == Shape.SingleAdult && members[0].Needs.HasFlag(NeedFlags.SevereDisability)))
        {
            // People with no one obliged to support them are the 特困 group.
            return roll < 0.35 ? AssistanceCategory.ExtremelyPoor : roll < 0.80 ? AssistanceCategory.MinimumLiving : AssistanceCategory.MinimumLivingEdge;
        }

        return roll switch
        {
            < 0.04 => AssistanceCategory.ExtremelyPoor,
            < 0.60 => AssistanceCategory.MinimumLiving,
            < 0.86 => AssistanceCategory.MinimumLivingEdge,
            < 0.95 => AssistanceCategory.RigidExpense,
            _ => AssistanceCategory.TemporaryHardship,
        };
    }

    private static int PickIndex(Random rng, double[] weights, double total)
    {
        var x = rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static T Pick<T>(Random rng, (T Item, int Weight)[] items)
    {
        var x = rng.Next(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            x -= weight;
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    private sealed class Builder(Random rng, HashSet<string> ids, string addressCode, DateOnly today)
    {
        private readonly List<DemoPerson> _members = [];
        private string _surname = string.Empty;

        public List<DemoPerson> Build(Shape shape)
        {
            _surname = Pick(rng, Surnames);
            switch (shape)
            {
                case Shape.ElderlyAlone:
                {
                    var age = rng.Next(65, 96);
                    var male = rng.NextDouble() < 0.4;
                    Add(age, male, Relation.Head, NeedFlags.ElderlyLivingAlone | ElderlyNeeds(age), ownSurname: true);
                    break;
                }

                case Shape.ElderlyCouple:
                {
                    var age = rng.Next(62, 92);
                    Add(age, true, Relation.Head, ElderlyNeeds(age), ownSurname: true);
                    var wife = Math.Max(58, age - rng.Next(0, 5));
                    var wifeNeeds = ElderlyNeeds(wife);
                    Add(wife, false, Relation.Spouse, wifeNeeds | (ElderlyNeeds(age).HasFlag(NeedFlags.Dependent) ? NeedFlags.FamilyCaregiver : NeedFlags.None));
                    break;
                }

                case Shape.GrandparentsAndGrandchildren:
                {
                    var age = rng.Next(58, 81);
                    Add(age, rng.NextDouble() < 0.6, Relation.Head, ElderlyNeeds(age) | NeedFlags.GrandparentRaised, ownSurname: true);
                    if (rng.NextDouble() < 0.6)
                    {
                        Add(Math.Max(55, age - rng.Next(0, 5)), false, Relation.Spouse, NeedFlags.GrandparentRaised);
                    }

                    for (var n = 1 + rng.Next(2); n > 0; n--)
                    {
                        var childNeeds = NeedFlags.LeftBehindChild | NeedFlags.GrandparentRaised | (rng.NextDouble() < 0.3 ? NeedFlags.ChildInDifficulty : NeedFlags.None);
                        Add(rng.Next(3, 16), rng.NextDouble() < 0.5, Relation.Grandchild, childNeeds);
                    }

                    break;
                }

                case Shape.CoupleWithChildren:
                {
                    var age = rng.Next(28, 51);
                    var illHead = rng.NextDouble() < 0.5;
                    var trouble = rng.NextDouble() < 0.5 ? NeedFlags.SeriouslyIll : NeedFlags.SevereDisability;
                    Add(age, true, Relation.Head, illHead ? trouble : NeedFlags.WorkingAgeAble, ownSurname: true);
                    Add(Math.Max(22, age - rng.Next(0, 6)), false, Relation.Spouse, illHead ? NeedFlags.WorkingAgeAble | NeedFlags.FamilyCaregiver : trouble);
                    for (var n = 1 + rng.Next(3); n > 0; n--)
                    {
                        Add(rng.Next(0, Math.Min(18, age - 19)), rng.NextDouble() < 0.5, Relation.Child, rng.NextDouble() < 0.2 ? NeedFlags.ChildInDifficulty : NeedFlags.None);
                    }

                    break;
                }

                case Shape.SingleParent:
                {
                    var age = rng.Next(25, 51);
                    var male = rng.NextDouble() < 0.35;
                    Add(age, male, Relation.Head, NeedFlags.SingleParent | (rng.NextDouble() < 0.5 ? NeedFlags.WorkingAgeAble : NeedFlags.LongTermUnemployed), ownSurname: true);
                    for (var n = 1 + rng.Next(2); n > 0; n--)
                    {
                        Add(rng.Next(0, Math.Min(18, age - 19)), rng.NextDouble() < 0.5, Relation.Child, NeedFlags.SingleParent | (rng.NextDouble() < 0.4 ? NeedFlags.ChildInDifficulty : NeedFlags.None));
                    }

                    break;
                }

                case Shape.DisabledAdultWithParents:
                {
                    var age = rng.Next(50, 76);
                    Add(age, true, Relation.Head, NeedFlags.FamilyCaregiver | ElderlyNeeds(age), ownSurname: true);
                    if (rng.NextDouble() < 0.7)
                    {
                        Add(Math.Max(45, age - rng.Next(0, 5)), false, Relation.Spouse, NeedFlags.FamilyCaregiver);
                    }

                    var childAge = rng.Next(18, Math.Min(41, age - 19));
                    var needs = (rng.NextDouble() < 0.6 ? NeedFlags.SevereDisability : NeedFlags.None) | (childAge <= 35 ? NeedFlags.YoungDisabled : NeedFlags.None);
                    Add(childAge, rng.NextDouble() < 0.55, Relation.Child, needs == NeedFlags.None ? NeedFlags.SevereDisability : needs);
                    break;
                }

                case Shape.SingleAdult:
                {
                    var age = rng.Next(35, 65);
                    var roll = rng.NextDouble();
                    var needs = roll < 0.5 ? NeedFlags.LongTermUnemployed : roll < 0.8 ? NeedFlags.SeriouslyIll : NeedFlags.SevereDisability;
                    Add(age, rng.NextDouble() < 0.6, Relation.Head, needs, ownSurname: true);
                    break;
                }

                default:
                {
                    var elder = rng.Next(72, 93);
                    var head = rng.Next(42, Math.Min(61, elder - 18));
                    Add(head, true, Relation.Head, NeedFlags.WorkingAgeAble | NeedFlags.FamilyCaregiver, ownSurname: true);
                    Add(Math.Max(38, head - rng.Next(0, 5)), false, Relation.Spouse, rng.NextDouble() < 0.3 ? NeedFlags.SeriouslyIll : NeedFlags.WorkingAgeAble);
                    Add(elder, rng.NextDouble() < 0.4, Relation.Parent, ElderlyNeeds(elder) | NeedFlags.Dependent);
                    Add(rng.Next(5, 21), rng.NextDouble() < 0.5, Relation.Child, NeedFlags.None);
                    break;
                }
            }

            return _members;
        }

        private NeedFlags ElderlyNeeds(int age)
        {
            var needs = age >= 80 ? NeedFlags.Aged80Plus : NeedFlags.None;
            if (age >= 75 && rng.NextDouble() < 0.25)
            {
                needs |= NeedFlags.Dependent;
            }

            if (rng.NextDouble() < 0.1)
            {
                needs |= NeedFlags.SeriouslyIll;
            }

            return needs;
        }

        private void Add(int age, bool male, Relation relation, NeedFlags needs, bool ownSurname = false)
        {
            // Wives keep their own surname; children and grandchildren take the household's.
            var surname = relation is Relation.Spouse || (relation == Relation.Parent && !male) ? Pick(rng, Surnames) : _surname;
            if (ownSurname && !male && relation == Relation.Head)
            {
                surname = _surname;
            }

            var birth = BirthDate(age);
            var pool = birth.Year switch
            {
                < 1965 => male ? OldMale : OldFemale,
                < 1995 => male ? MidMale : MidFemale,
                _ => male ? YoungMale : YoungFemale,
            };
            var name = surname + pool[rng.Next(pool.Length)];
            var id = NewId(birth, male);
            string? phone = age is >= 18 and <= 75 && rng.NextDouble() < 0.7
                ? PhonePrefixes[rng.Next(PhonePrefixes.Length)] + rng.Next(0, 100_000_000).ToString("D8")
                : null;
            _members.Add(new DemoPerson(name, id, relation, needs, phone));
        }

        private DateOnly BirthDate(int age)
        {
            var latest = today.AddYears(-age);
            return latest.AddDays(-rng.Next(0, 365));
        }

        private string NewId(DateOnly birth, bool male)
        {
            while (true)
            {
                var sequence = rng.Next(0, 500) * 2 + (male ? 1 : 0);
                var id = ResidentId.Compose(addressCode, birth, sequence);
                if (ids.Add(id))
                {
                    return id;
                }
            }
        }
    }
}
