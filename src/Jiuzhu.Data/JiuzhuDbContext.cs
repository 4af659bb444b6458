using System.Linq.Expressions;
using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Audit;
using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Audit.Data;
using Jiuzhu.Audit.Domain;
using Jiuzhu.Cases;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Geo;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Providers;
using Jiuzhu.Providers.Data;
using Jiuzhu.Providers.Domain;
using Jiuzhu.Registry;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jiuzhu.Data;

/// <summary>
/// The one database context: applies every module's entity configurations and implements each
/// module's data interface. Region-scoped records are filtered to the current actor's jurisdiction here,
/// once, for every query.
/// </summary>
public sealed class JiuzhuDbContext(DbContextOptions<JiuzhuDbContext> options, ICurrentActor actor)
    : IdentityDbContext<JiuzhuUser, JiuzhuRole, Guid>(options), IGeoData, IIdentityData, IAuditData, IRegistryData, ICasesData, ICalendarData, IAssessmentData, ICatalogData, IPlanData, IProvidersData, Jiuzhu.Orders.Data.IOrdersData
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<CategoryPeriod> CategoryPeriods => Set<CategoryPeriod>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();

    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<DeadlinePolicy> DeadlinePolicies => Set<DeadlinePolicy>();

    public DbSet<Instrument> Instruments => Set<Instrument>();

    public DbSet<HouseholdAssessment> Assessments => Set<HouseholdAssessment>();

    public DbSet<HouseholdStanding> Standings => Set<HouseholdStanding>();

    public DbSet<StandingGeneration> StandingGenerations => Set<StandingGeneration>();

    public DbSet<StandingChange> StandingChanges => Set<StandingChange>();

    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();

    public DbSet<PolicySetting> PolicySettings => Set<PolicySetting>();

    public DbSet<CatalogEntry> CatalogEntries => Set<CatalogEntry>();

    public DbSet<CatalogPackage> CatalogPackages => Set<CatalogPackage>();

    public DbSet<Jiuzhu.Catalog.Referrals.Referral> Referrals => Set<Jiuzhu.Catalog.Referrals.Referral>();

    public DbSet<FunctionDivisionEntry> FunctionDivisionEntries => Set<FunctionDivisionEntry>();

    public DbSet<HouseholdPlan> HouseholdPlans => Set<HouseholdPlan>();

    public DbSet<PlanItem> PlanItems => Set<PlanItem>();

    public DbSet<PlanRevision> PlanRevisions => Set<PlanRevision>();

    public DbSet<PlanNeed> PlanNeeds => Set<PlanNeed>();

    public DbSet<Provider> Providers => Set<Provider>();

    public DbSet<Jiuzhu.Orders.Domain.ServiceOrder> ServiceOrders => Set<Jiuzhu.Orders.Domain.ServiceOrder>();

    public DbSet<Jiuzhu.Orders.Domain.OrderEvent> OrderEvents => Set<Jiuzhu.Orders.Domain.OrderEvent>();

    public DbSet<Jiuzhu.Orders.Domain.OrderAttachment> OrderAttachments => Set<Jiuzhu.Orders.Domain.OrderAttachment>();

    public DbSet<Jiuzhu.Orders.Domain.CapacityUse> CapacityUses => Set<Jiuzhu.Orders.Domain.CapacityUse>();

    public DbSet<Jiuzhu.Orders.Domain.NeedAssignment> NeedAssignments => Set<Jiuzhu.Orders.Domain.NeedAssignment>();

    public DbSet<Qualification> ProviderQualifications => Set<Qualification>();

    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();

    public DbSet<StaffMember> ProviderStaff => Set<StaffMember>();

    /// <summary>The actor whose jurisdiction filters queries.</summary>
    public ICurrentActor Actor => actor;

    // Read by the query filters on every execution (EF parameterises context members): the actor's scope as a range of
    // region codes, [ScopeLower, ScopeUpper); everything for the platform itself, nothing for an anonymous actor.
    private string ScopeLower => actor.Scope.Range.Lower;

    private string ScopeUpper => actor.Scope.Range.Upper;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (PendingAuditEntries().Count > 0)
        {
            throw new InvalidOperationException("Audit entries are sealed asynchronously; use SaveChangesAsync.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = PendingAuditEntries();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit entries and the change they describe commit together, or not at all.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditSealing.SealAsync(this, pending, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare DateTimeOffset text; UTC ticks sort and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        GeoModule.ConfigureModel(builder);
        IdentityModule.ConfigureModel(builder);
        AuditModule.ConfigureModel(builder);
        RegistryModule.ConfigureModel(builder);
        CasesModule.ConfigureModel(builder);
        AssessmentModule.ConfigureModel(builder);
        CatalogModule.ConfigureModel(builder);
        ProvidersModule.ConfigureModel(builder);
        Jiuzhu.Orders.OrdersModule.ConfigureModel(builder);
        if (Database.IsNpgsql())
        {
            // PostgreSQL serves LIKE 'prefix%' (the name and address search) from a btree index only under the C collation
            // or with the pattern operator class; a database created with another locale would read every row.
            builder.Entity<Person>().HasIndex(p => new { p.Name, p.RegionCode, p.HouseholdId }).HasOperators("text_pattern_ops");
            builder.Entity<Household>().HasIndex(h => h.Address).HasOperators("text_pattern_ops");
        }

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IRegionScoped).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                builder.Entity(entity.ClrType).HasQueryFilter(JurisdictionFilter(entity.ClrType));
            }
        }
    }

    // e => string.Compare(e.RegionCode, ScopeLower) >= 0 && string.Compare(e.RegionCode, ScopeUpper) < 0, which EF
    // translates to RegionCode >= @lower AND RegionCode < @upper. The same subtree as StartsWith(prefix), but a range
    // the region-code indexes serve: LIKE 'prefix%' could not use them (binary collation in SQLite, a non-C collation in
    // PostgreSQL), and an "allows all" flag OR-ed in front kept SQLite, which plans before it sees the values, off them too.
    private LambdaExpression JurisdictionFilter(Type clrType)
    {
        var e = Expression.Parameter(clrType, "e");
        var self = Expression.Constant(this);
        var code = Expression.Property(e, nameof(IRegionScoped.RegionCode));
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var zero = Expression.Constant(0);
        var atLeast = Expression.GreaterThanOrEqual(Expression.Call(compare, code, Expression.Property(self, nameof(ScopeLower))), zero);
        var below = Expression.LessThan(Expression.Call(compare, code, Expression.Property(self, nameof(ScopeUpper))), zero);
        return Expression.Lambda(Expression.AndAlso(atLeast, below), e);
    }

    private List<AuditEntry> PendingAuditEntries() =>
        ChangeTracker.Entries<AuditEntry>()
            .Where(x => x.State == EntityState.Added && string.IsNullOrEmpty(x.Entity.Hash))
            .Select(x => x.Entity)
            .ToList();

    internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
