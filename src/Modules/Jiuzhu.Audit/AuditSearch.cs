using System.Globalization;
using Jiuzhu.Audit.Data;
using Jiuzhu.Audit.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Audit;

/// <summary>One audit entry as auditors see it.</summary>
public sealed record AuditEntryView(
    long Sequence,
    DateTimeOffset Time,
    string ActorKind,
    Guid? ActorId,
    string ActorName,
    string ActorRoles,
    string? ActorJurisdiction,
    string Action,
    string EntityType,
    string? EntityId,
    string RegionCode,
    string Outcome,
    string Summary,
    string Hash);

/// <summary>
/// What to look for in the audit trail. Every field is optional text as a person or a query string gives
/// it; <see cref="AuditSearch.Parse"/> turns it into conditions or a clear error.
/// </summary>
public sealed record AuditFilter
{
    /// <summary>Part of the actor's login name.</summary>
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? EntityType { get; init; }

    public string? EntityId { get; init; }

    /// <summary>A region code (2, 4, 6, 9 or 12 digits): entries in that region's subtree.</summary>
    public string? RegionCode { get; init; }

    /// <summary>success, denied or failed.</summary>
    public string? Outcome { get; init; }

    /// <summary>Inclusive lower bound, ISO 8601; a time without an offset is UTC.</summary>
    public string? From { get; init; }

    /// <summary>Exclusive upper bound, ISO 8601; a time without an offset is UTC.</summary>
    public string? To { get; init; }
}

/// <summary>Searches the audit trail within the current actor's jurisdiction (the context filters it centrally).</summary>
public sealed class AuditSearch(IAuditData data)
{
    public const string BadFilterCode = "audit.bad_filter";

    private static readonly string[] Outcomes = ["success", "denied", "failed"];

    /// <summary>Matching entries, newest first.</summary>
    public async Task<Result<Page<AuditEntryView>>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var parsed = Parse(filter);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!;
        }

        var query = parsed.Value.Apply(data.AuditEntries.AsNoTracking());
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(e => e.Sequence).Skip(page.Skip).Take(page.SafeSize)).ToListAsync(ct);
        return new Page<AuditEntryView>(items, total, page.SafePage, page.SafeSize);
    }

    /// <summary>Who viewed or changed one record, oldest first.</summary>
    public async Task<Page<AuditEntryView>> HistoryAsync(string entityType, string entityId, PageRequest page, CancellationToken ct = default)
    {
        var query = data.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderBy(e => e.Sequence).Skip(page.Skip).Take(page.SafeSize)).ToListAsync(ct);
        return new Page<AuditEntryView>(items, total, page.SafePage, page.SafeSize);
    }

    /// <summary>Checks a filter; errors carry <see cref="BadFilterCode"/> and a Chinese message.</summary>
    public static Result<AuditConditions> Parse(AuditFilter filter)
    {
        string? prefix = null;
        if (Given(filter.RegionCode) is { } region)
        {
            if (!RegionCode.TryParse(region, out var code))
            {
                return Bad($"区划代码“{region}”无效：应为 2、4、6、9 或 12 位数字的统计用区划代码。");
            }

            prefix = code.Prefix;
        }

        var outcome = Given(filter.Outcome)?.ToLowerInvariant();
        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            return Bad($"结果“{filter.Outcome}”无效：应为 success（成功）、denied（拒绝）或 failed（失败）。");
        }

        if (!TryParseTime(filter.From, out var from))
        {
            return Bad($"开始时间“{filter.From}”无法识别：请使用 ISO 8601 格式，例如 2026-11-29 或 2026-11-29T08:00:00+08:00。");
        }

        if (!TryParseTime(filter.To, out var to))
        {
            return Bad($"结束时间“{filter.To}”无法识别：请使用 ISO 8601 格式，例如 2026-11-30 或 2026-11-30T08:00:00+08:00。");
        }

        if (from is not null && to is not null && from > to)
        {
            return Bad("开始时间不能晚于结束时间。");
        }

        return new AuditConditions(
            Given(filter.Actor), Given(filter.Action), Given(filter.EntityType), Given(filter.EntityId), prefix, outcome, from, to);
    }

    private static Error Bad(string message) => Error.Validation(BadFilterCode, message);

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (Given(text) is not { } t)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        // PostgreSQL takes only UTC values for timestamptz parameters.
        time = parsed.ToUniversalTime();
        return true;
    }

    private static IQueryable<AuditEntryView> Project(IQueryable<AuditEntry> query) =>
        query.Select(e => new AuditEntryView(
            e.Sequence, e.Time, e.ActorKind, e.ActorId, e.ActorName, e.ActorRoles, e.ActorJurisdiction,
            e.Action, e.EntityType, e.EntityId, e.RegionCode, e.Outcome, e.Summary, e.Hash));
}

/// <summary>A checked <see cref="AuditFilter"/>: the conditions it adds to a query.</summary>
public sealed record AuditConditions(
    string? Actor,
    string? Action,
    string? EntityType,
    string? EntityId,
    string? RegionPrefix,
    string? Outcome,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    internal IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query)
    {
        if (Actor is not null)
        {
            query = query.Where(e => e.ActorName.Contains(Actor));
        }

        if (Action is not null)
        {
            query = query.Where(e => e.Action == Action);
        }

        if (EntityType is not null)
        {
            query = query.Where(e => e.EntityType == EntityType);
        }

        if (EntityId is not null)
        {
            query = query.Where(e => e.EntityId == EntityId);
        }

        // Narrows within the jurisdiction the context already applies; it can never widen it.
        if (RegionPrefix is not null)
        {
            query = query.Where(e => e.RegionCode.StartsWith(RegionPrefix));
        }

        if (Outcome is not null)
        {
            query = query.Where(e => e.Outcome == Outcome);
        }

        if (From is { } from)
        {
            query = query.Where(e => e.Time >= from);
        }

        if (To is { } to)
        {
            query = query.Where(e => e.Time < to);
        }

        return query;
    }
}
