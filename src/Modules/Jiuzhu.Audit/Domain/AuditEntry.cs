using Jiuzhu.Kernel;

namespace Jiuzhu.Audit.Domain;

/// <summary>
/// One append-only entry of the audit trail (全过程留痕). Its hash covers its content and the
/// previous entry's hash, so editing, deleting or reordering entries breaks the chain.
/// </summary>
public sealed class AuditEntry : IRegionScoped
{
    /// <summary>Region code used for entries that belong to no place (platform-wide operations).</summary>
    public const string PlatformRegion = "000000000000";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private static long _localOrder;

    private AuditEntry()
    {
        ActorKind = ActorName = ActorRoles = Action = EntityType = RegionCode = Outcome = Summary = PrevHash = Hash = string.Empty;
    }

    internal AuditEntry(
        DateTimeOffset time,
        ICurrentActor actor,
        AuditEvent auditEvent)
    {
        Id = Guid.CreateVersion7(time);
        Time = TruncateToMicroseconds(time);
        ActorKind = actor.Kind.ToString().ToLowerInvariant();
        ActorId = actor.Id;
        ActorName = auditEvent.ActorNameOverride ?? actor.Name;
        ActorRoles = string.Join(',', actor.Roles);
        ActorJurisdiction = actor.Jurisdiction?.Value;
        Action = auditEvent.Action;
        EntityType = auditEvent.EntityType;
        EntityId = auditEvent.EntityId;
        RegionCode = auditEvent.RegionCode ?? actor.Jurisdiction?.Value ?? PlatformRegion;
        Outcome = auditEvent.Outcome.ToString().ToLowerInvariant();
        Summary = auditEvent.Summary;
        PrevHash = Hash = string.Empty;
        LocalOrder = Interlocked.Increment(ref _localOrder);
    }

    /// <summary>Position in the chain, from 1 without gaps.</summary>
    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public DateTimeOffset Time { get; private set; }

    /// <summary>user, apiclient, system or anonymous.</summary>
    public string ActorKind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>The actor's roles at the time, comma-separated.</summary>
    public string ActorRoles { get; private set; }

    public string? ActorJurisdiction { get; private set; }

    /// <summary>A stable verb such as "user.create" or "person.reveal-id".</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary>success, denied or failed.</summary>
    public string Outcome { get; private set; }

    /// <summary>What changed, in words; never protected values.</summary>
    public string Summary { get; private set; }

    public string PrevHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Order of creation inside this process, so entries of one save are chained in the order they were recorded.</summary>
    internal long LocalOrder { get; }

    internal bool IsSealed => Hash.Length > 0;

    internal void Seal(long sequence, string prevHash)
    {
        Sequence = sequence;
        PrevHash = prevHash;
        Hash = AuditChain.ComputeHash(this);
    }

    // PostgreSQL keeps microseconds; the hash must cover exactly what the database stores.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
