using System.Diagnostics;
using Jiuzhu.Cases;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Data;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Demo;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Demo;

/// <summary>What a demo seed asked for.</summary>
public sealed record DemoSeedOptions(string County, int Households, int Seed, string? DivisionsDir = null);

/// <summary>A demo account, printed on first run; demo credentials are public and for demonstration only.</summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string Jurisdiction, bool TwoFactor);

/// <summary>What a demo seed did.</summary>
public sealed record DemoSeedResult(
    string County, int Regions, int Households, int Persons, bool HouseholdsAlreadyPresent,
    IReadOnlyList<DemoAccount> Accounts, string Password, string? TotpKey, double Seconds);

/// <summary>
/// Loads a demo county: its regions with synthetic geography, one demo user per role at the right level,
/// and synthetic households. Safe to run twice: what exists is left alone.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services)
{
    /// <summary>The password of every demo account. Public: demo databases hold no real data.</summary>
    public const string DemoPassword = "Jiuzhu@2026";

    /// <summary>The TOTP key (base32) of the demo administrators, so that they can sign in with any authenticator app.</summary>
    public const string DemoTotpKey = "JZDEMO2FAKEYONLYFORDEMOACCOUNTSX";

    public async Task<DemoSeedResult> SeedAsync(DemoSeedOptions options, TextWriter progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (!RegionCode.TryParse(options.County, out var county) || county.Level != RegionLevel.County)
        {
            throw new DemoSeedException($"--county 须为 6 位县级区划代码 / must be a 6-digit county code: {options.County}");
        }

        if (options.Households is < 0 or > 1_000_000)
        {
            throw new DemoSeedException("--households 须在 0 到 1,000,000 之间 / must be between 0 and 1,000,000");
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = FixedActor.System("demo-seed");
        await sp.GetRequiredService<UserAdministration>().EnsureRolesAsync();

        var geo = sp.GetRequiredService<IGeoData>();
        var prefix = county.Prefix;
        await EnsureRegionsAsync(sp, geo, county, options, progress, ct);
        await EnsureCalendarAsync(sp, progress, ct);
        await DemoCatalog.EnsureAsync(services, county, progress, ct);
        var regionCount = await geo.Regions.CountAsync(r => r.Code.StartsWith(prefix), ct);
        var villages = await LoadVillagesAsync(geo, prefix, ct);
        if (villages.Count == 0)
        {
            throw new DemoSeedException($"区划中没有县 {county.Prefix} 的村(社区)，请先导入行政区划 / no villages of county {county.Prefix}: import the regions first (jiuzhu regions import)");
        }

        var registry = sp.GetRequiredService<IRegistryData>();
        var already = await registry.Households.AnyAsync(h => h.RegionCode.StartsWith(prefix), ct);
        var households = 0;
        var persons = 0;
        if (!already && options.Households > 0)
        {
            progress.WriteLine($"生成 {options.Households} 户演示家庭 / generating {options.Households} demo households…");
            var population = DemoPopulation.Generate(villages, county.Prefix, options.Households, options.Seed, ChinaTime.Today(sp.GetRequiredService<TimeProvider>()));
            (households, persons) = await InsertAsync(sp, population, ct);
        }

        var accounts = await EnsureAccountsAsync(sp, county, villages, ct);
        var cases = households > 0 ? await CreateCasesAsync(services, county, options.Seed, progress, ct) : 0;
        var assessed = await DemoAssessments.EnsureAsync(services, county, options.Seed, progress, ct);
        var villageOf = accounts.ToDictionary(a => a.UserName, a => a.Jurisdiction);
        var providers = await DemoProviders.EnsureAsync(services, county, villageOf["cun.xiezhu"], villageOf["cun.xiezhu2"], progress, ct);
        var audit = sp.GetRequiredService<IAuditTrail>();
        audit.Record(new AuditEvent("demo.seed", "region", county.Value, county.Value, AuditOutcome.Success,
            $"演示数据：县 {county.Prefix}，新增 {households} 户 {persons} 人、个案 {cases} 件、评估 {assessed} 份、服务机构 {providers} 家，演示账号 {accounts.Count} 个"));
        await sp.GetRequiredService<JiuzhuDbContext>().SaveChangesAsync(ct);

        return new DemoSeedResult(county.Prefix, regionCount, households, persons, already, accounts, DemoPassword, DemoTotpKey, Math.Round(watch.Elapsed.TotalSeconds, 2));
    }

    /// <summary>Imports the county's divisions when they are missing, and gives them synthetic geography.</summary>
    private static async Task EnsureRegionsAsync(IServiceProvider sp, IGeoData geo, RegionCode county, DemoSeedOptions options, TextWriter progress, CancellationToken ct)
    {
        var prefix = county.Prefix;
        if (!await geo.Regions.AnyAsync(r => r.Level == RegionLevel.Village && r.Code.StartsWith(prefix), ct))
        {
            var folder = SharedDataFolder.FindDivisions(options.DivisionsDir)
                ?? throw new DemoSeedException("找不到区划文件夹（../shared/data/divisions），请设置 Regions:DivisionsDir / division files not found: set Regions:DivisionsDir");
            progress.WriteLine($"导入县 {prefix} 的行政区划 / importing the regions of county {prefix} from {folder}…");
            var imported = await sp.GetRequiredService<RegionImporter>().ImportAsync(folder, [prefix], null, ct);
            if (!imported.IsSuccess)
            {
                throw new DemoSeedException(imported.Error!.Message);
            }
        }

        if (await geo.Regions.AnyAsync(r => r.Level == RegionLevel.Village && r.Code.StartsWith(prefix) && r.Latitude == null, ct))
        {
            progress.WriteLine("生成演示地理位置 / placing villages (synthetic demo geography)…");
            await DemoGeography.ApplyAsync(geo, county.Value, options.Seed, ct);
        }
    }

    /// <summary>
    /// Applications at every stage, so inboxes and case pages have something to show: about one household in forty
    /// applies, through the real intake and workflow (an actor holding the county's front-line roles), and each case is
    /// moved a deterministic number of steps along the main path.
    /// </summary>
    private static async Task<int> CreateCasesAsync(IServiceProvider services, RegionCode county, int seed, TextWriter progress, CancellationToken ct)
    {
        var staff = new FixedActor(ActorKind.User, null, "demo-seed",
            [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover], county);
        List<(Guid Person, NeedFlags Needs)> applicants;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = staff;
            var prefix = county.Prefix;
            applicants = (await scope.ServiceProvider.GetRequiredService<IRegistryData>().Persons.AsNoTracking()
                    .Where(p => p.RegionCode.StartsWith(prefix) && p.Relation == Relation.Head)
                    .OrderBy(p => p.Id)
                    .Select(p => new { p.Id, p.Needs })
                    .ToListAsync(ct))
                .Where((_, i) => i % 40 == seed % 40)
                .Select(p => (p.Id, p.Needs))
                .ToList();
        }

        progress.WriteLine($"生成 {applicants.Count} 件演示个案 / creating {applicants.Count} demo cases…");
        var path = new[]
        {
            CaseAction.Accept, CaseAction.StartAssessment, CaseAction.DraftPlan, CaseAction.SubmitForApproval,
            CaseAction.Approve, CaseAction.StartService,
        };
        var rng = new Random(seed);
        var created = 0;
        foreach (var (person, needs) in applicants)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = staff;
            var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
            var (type, need) = needs.HasFlag(NeedFlags.ElderlyLivingAlone) || needs.HasFlag(NeedFlags.Dependent)
                ? (CaseTypes.Service, "老人行动不便，希望获得助餐和上门照料服务")
                : needs.HasFlag(NeedFlags.SeriouslyIll)
                    ? (CaseTypes.Temporary, "家庭成员重病，医疗支出大，申请临时救助")
                    : (CaseTypes.MinimumLiving, "家庭收入低于当地低保标准，申请最低生活保障");
            var channel = rng.Next(3) switch { 0 => CaseChannel.Discovery, _ => CaseChannel.WalkIn };
            var intake = await cases.SubmitAsync(new IntakeRequest(type, need, false, channel, PersonId: person), ct);
            if (!intake.IsSuccess)
            {
                throw new DemoSeedException($"演示个案创建失败 / demo case failed: {intake.Error!.Message}");
            }

            var summary = intake.Value.Case;
            foreach (var action in path.Take(rng.Next(path.Length + 1)))
            {
                var moved = await cases.TransitionAsync(summary.Id, new TransitionRequest(action, null, summary.Version), ct);
                if (!moved.IsSuccess)
                {
                    throw new DemoSeedException($"演示个案流转失败 / demo case transition failed: {moved.Error!.Message}");
                }

                summary = moved.Value;
            }

            created++;
        }

        return created;
    }

    /// <summary>Loads the official holiday arrangements when no year is loaded yet, so that deadlines count working days.</summary>
    private static async Task EnsureCalendarAsync(IServiceProvider sp, TextWriter progress, CancellationToken ct)
    {
        if (await sp.GetRequiredService<Jiuzhu.Cases.Data.ICalendarData>().CalendarYears.AnyAsync(ct))
        {
            return;
        }

        var file = SharedDataFolder.FindHolidayCalendar(null)
            ?? throw new DemoSeedException("找不到节假日安排文件（../shared/data/calendar/cn-public-holidays.json）/ holiday calendar file not found");
        progress.WriteLine("载入法定节假日安排 / loading the official holiday calendar…");
        var imported = await sp.GetRequiredService<Jiuzhu.Cases.Calendar.CalendarImporter>().ImportAsync(file, ct);
        if (!imported.IsSuccess)
        {
            throw new DemoSeedException(imported.Error!.Message);
        }
    }

    internal static async Task<List<DemoVillage>> LoadVillagesAsync(IGeoData geo, string prefix, CancellationToken ct)
    {
        var townships = await geo.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(prefix))
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var villages = await geo.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(prefix))
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name, r.ParentCode, r.Kind })
            .ToListAsync(ct);
        return villages.Select(v => new DemoVillage(
            v.Code, v.Name, townships.GetValueOrDefault(v.ParentCode ?? string.Empty, string.Empty), v.Kind == Geo.Domain.RegionKind.Community)).ToList();
    }

    private static async Task<(int Households, int Persons)> InsertAsync(IServiceProvider sp, List<DemoHousehold> population, CancellationToken ct)
    {
        var context = sp.GetRequiredService<JiuzhuDbContext>();
        var protector = sp.GetRequiredService<IFieldProtector>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var points = await context.Regions.AsNoTracking()
            .Where(r => r.Latitude != null && r.Longitude != null && population.Select(p => p.VillageCode).Distinct().Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => (Lat: r.Latitude!.Value, Lon: r.Longitude!.Value), ct);
        var jitter = new Random(population.Count);
        var households = 0;
        var persons = 0;
        var tracking = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in population.Chunk(500))
            {
                foreach (var spec in chunk)
                {
                    var household = new Household(RegionCode.Parse(spec.VillageCode), spec.Address, spec.Category, clock.GetUtcNow());
                    if (points.TryGetValue(spec.VillageCode, out var p))
                    {
                        // Within about 400 m of the village centre.
                        household.PlaceAt(p.Lat + ((jitter.NextDouble() - 0.5) * 0.007), p.Lon + ((jitter.NextDouble() - 0.5) * 0.009));
                    }

                    foreach (var m in spec.Members)
                    {
                        var person = new Person(household, m.Name, m.IdNumber, m.Relation, m.Needs, protector);
                        if (m.Phone is not null)
                        {
                            person.SetPhone(m.Phone, protector);
                        }

                        household.AddMember(person);
                        context.Persons.Add(person);
                        persons++;
                    }

                    context.Households.Add(household);
                    households++;
                }

                await context.SaveChangesAsync(ct);
                context.ChangeTracker.Clear();
            }
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }

        return (households, persons);
    }

    private static async Task<List<DemoAccount>> EnsureAccountsAsync(IServiceProvider sp, RegionCode county, List<DemoVillage> villages, CancellationToken ct)
    {
        var registry = sp.GetRequiredService<IRegistryData>();
        var prefix = county.Prefix;
        var busiest = await registry.Households.AsNoTracking()
            .Where(h => h.RegionCode.StartsWith(prefix))
            .GroupBy(h => h.RegionCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code)
            .Take(20)
            .ToListAsync(ct);
        var first = busiest.Count > 0 ? busiest[0].Code : villages[0].Code;
        var firstTownship = first[..9];
        // The second demo village lies in another township, so the two village workers share nothing.
        var second = busiest.Select(b => b.Code).FirstOrDefault(c => c[..9] != firstTownship)
            ?? villages.First(v => v.Code[..9] != firstTownship || v.Code != first).Code;
        var city = county.Parent!.Value;
        var c = county.Value;

        var plan = new (string User, string Name, string Role, string Jurisdiction, string? Department)[]
        {
            ("cun.xiezhu", "王秀梅", Roles.VillageWorker, first, null),
            ("cun.xiezhu2", "李建国", Roles.VillageWorker, second, null),
            ("zhen.shegong", "张晓燕", Roles.TownshipSocialWorker, RegionCode.Parse(firstTownship).Value, null),
            ("xian.yewu", "刘志刚", Roles.CountyOfficer, c, null),
            ("xian.shenpi", "陈海涛", Roles.CountyApprover, c, null),
            ("shi.guanli", "赵立新", Roles.RegionalAdmin, city.Value, null),
            ("bumen.weijian", "孙丽娟", Roles.DepartmentLiaison, c, "health"),
            ("jigou.yuangong", "徐春燕", Roles.ProviderStaff, c, null),
            ("zhiyuanzhe", "马一鸣", Roles.Volunteer, c, null),
            ("shenji", "于文明", Roles.Auditor, c, null),
            ("xitong.admin", "高振华", Roles.SystemAdmin, c, null),
            ("anquan.admin", "郑光辉", Roles.SecurityAdmin, c, null),
            ("shenji.admin", "朱美玲", Roles.AuditAdmin, c, null),
        };

        var users = sp.GetRequiredService<UserManager<JiuzhuUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var audit = sp.GetRequiredService<IAuditTrail>();
        var context = sp.GetRequiredService<JiuzhuDbContext>();
        var accounts = new List<DemoAccount>();
        foreach (var (userName, name, role, jurisdiction, department) in plan)
        {
            var twoFactor = Roles.RequireTwoFactor.Contains(role);
            accounts.Add(new DemoAccount(userName, name, role, jurisdiction, twoFactor));
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new JiuzhuUser(userName, name, jurisdiction, clock.GetUtcNow()) { Department = department, IsDemo = true };
            Check(await users.CreateAsync(user, DemoPassword), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            if (twoFactor)
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", DemoTotpKey), userName);
                Check(await users.SetTwoFactorEnabledAsync(user, true), userName);
            }

            audit.Record(new AuditEvent("user.create", "user", user.Id.ToString(), jurisdiction, AuditOutcome.Success,
                $"演示账号 {userName}（{name}），角色：{Roles.ChineseTitle(role)}，管辖 {jurisdiction}"));
            await context.SaveChangesAsync(ct);
        }

        return accounts;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new DemoSeedException($"演示账号 {userName} 创建失败 / could not create demo account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>The demo seed cannot run; the message is one line.</summary>
public sealed class DemoSeedException(string message) : Exception(message);
