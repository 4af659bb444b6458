namespace Jiuzhu.Kernel;

/// <summary>How an audited operation ended.</summary>
public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}

/// <summary>
/// One thing worth a trace: what was done to which record, where, and how it ended. The summary
/// says what changed but never carries protected values (identity or phone numbers, health data).
/// </summary>
public sealed record AuditEvent(
    string Action,
    string EntityType,
    string? EntityId,
    string? RegionCode,
    AuditOutcome Outcome,
    string Summary)
{
    /// <summary>Set when the actor is not the current one, e.g. a failed login names the account tried.</summary>
    public string? ActorNameOverride { get; init; }
}

/// <summary>The audit trail (全过程留痕) as other modules see it.</summary>
public interface IAuditTrail
{
    /// <summary>Adds an entry to the current unit of work; it is written with the next save, in the same transaction.</summary>
    void Record(AuditEvent auditEvent);

    /// <summary>Writes an entry at once in its own transaction: for reads, refusals and failures that change nothing else.</summary>
    Task WriteNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
