using Jiuzhu.Audit;
using Jiuzhu.Data;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Audit;

/// <summary>
/// Writes audit entries the way the platform does (IAuditTrail.WriteNowAsync over the composed context) and
/// tampers with them the way someone with direct database access could.
/// </summary>
internal sealed class AuditTestKit : IAsyncDisposable
{
    public static readonly ICurrentActor CountyOfficer =
        new FixedActor(ActorKind.User, Guid.CreateVersion7(), "xian01", [Roles.CountyOfficer], RegionCode.Parse("371121"));

    private readonly ServiceProvider _services;

    public AuditTestKit(TestDatabase db, TimeProvider? clock = null)
    {
        Database = db;
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddScoped<ActingAs>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<ActingAs>().Actor);
        services.AddJiuzhuData(db.Options);
        services.AddAudit();
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public async Task WriteAsync(ICurrentActor actor, AuditEvent auditEvent)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().WriteNowAsync(auditEvent);
    }

    /// <summary>Writes <paramref name="count"/> entries about households in village 371121001001.</summary>
    public async Task WriteManyAsync(int count, ICurrentActor? actor = null)
    {
        for (var i = 1; i <= count; i++)
        {
            await WriteAsync(actor ?? CountyOfficer, new AuditEvent("household.update", "household", $"h{i}", "371121001001", AuditOutcome.Success, $"修改家庭户地址（第 {i} 次）"));
        }
    }

    public async Task<AuditVerification> VerifyAsync(ICurrentActor? actor = null, int batchSize = AuditVerifier.DefaultBatchSize)
    {
        await using var context = Database.CreateContext(actor);
        return await new AuditVerifier(context) { BatchSize = batchSize }.VerifyAsync();
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var context = Database.CreateContext();
        return await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>The first step of a tamperer who can run SQL: remove the append-only triggers.</summary>
    public Task DropAppendOnlyTriggersAsync() => ExecuteAsync(Database.Engine == Engine.Postgres
        ? "DROP TRIGGER audit_entries_no_update ON audit_entries; DROP TRIGGER audit_entries_no_delete ON audit_entries; DROP TRIGGER audit_entries_no_truncate ON audit_entries;"
        : "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;");

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class ActingAs
    {
        public ICurrentActor Actor { get; set; } = FixedActor.System("test");
    }
}

/// <summary>A clock that moves one minute forward each time it is read, from a fixed start.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _reads;

    public override DateTimeOffset GetUtcNow() => start.AddMinutes(Interlocked.Increment(ref _reads) - 1);
}
