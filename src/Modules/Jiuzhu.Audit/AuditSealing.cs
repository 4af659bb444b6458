using Jiuzhu.Audit.Data;
using Jiuzhu.Audit.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Audit;

/// <summary>Chains new entries onto the tail of the trail. Call inside the transaction that saves them.</summary>
public static class AuditSealing
{
    // Arbitrary constant naming the PostgreSQL advisory lock that serialises appends.
    private const long AppendLockKey = 0x6A69757A6875; // "jiuzhu"

    public static async Task SealAsync(IAuditData data, IReadOnlyCollection<AuditEntry> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }

        if (data.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries must be sealed inside a transaction.");
        }

        if (data.Database.IsNpgsql())
        {
            await data.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", ct);
        }

        // SQLite transactions opened by the context are BEGIN IMMEDIATE, which already serialises writers.
        var tail = await data.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = tail?.Sequence ?? 0;
        var prev = tail?.Hash ?? AuditEntry.GenesisHash;
        foreach (var entry in pending.OrderBy(e => e.LocalOrder))
        {
            entry.Seal(++sequence, prev);
            prev = entry.Hash;
        }
    }

    private static bool IsNpgsql(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade db) =>
        db.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
