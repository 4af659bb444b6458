using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// Writes new households with their members and category periods in bulk, inside the caller's transaction and
/// bypassing change tracking (ARCHITECTURE.md, "Bulk paths"): prepared statements on SQLite, binary COPY on
/// PostgreSQL. The rows are written exactly as the domain objects hold them, already encrypted; nothing is checked
/// here, so callers validate first. A number that is already registered fails the unique index and the transaction.
/// </summary>
public static class HouseholdBulkWriter
{
    /// <summary>The columns written, per table, in order; a test compares them with the model so a new column is not forgotten.</summary>
    public static IReadOnlyDictionary<string, string[]> Columns { get; } = new Dictionary<string, string[]>
    {
        ["households"] = ["Id", "RegionCode", "Address", "HeadName", "Category", "Needs", "MemberCount", "Latitude", "Longitude", "CreatedAt", "UpdatedAt", "ConcurrencyStamp", "MergedIntoId"],
        ["persons"] =
        [
            "Id", "HouseholdId", "RegionCode", "Name", "Sex", "BirthYear", "Relation", "Needs", "IdNumberCipher", "IdNumberIndex", "IdNumberMasked",
            "IdNumberLast4", "RegistrationRegion", "DisabilityCipher", "GuardianId", "GuardianRelation", "PhoneCipher", "PhoneMasked",
        ],
        ["household_categories"] = ["Id", "HouseholdId", "RegionCode", "Category", "Start", "End"],
    };

    /// <summary>Inserts the households, then their members, then their category periods.</summary>
    public static Task InsertAsync(IRegistryData data, IReadOnlyList<Household> households, CancellationToken ct = default)
    {
        var tx = data.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("The bulk household writer runs inside the caller's transaction.");
        if (data.Database.IsNpgsql())
        {
            return InsertPostgresAsync((NpgsqlConnection)data.Database.GetDbConnection(), households, ct);
        }

        InsertSqlite((SqliteConnection)data.Database.GetDbConnection(), (SqliteTransaction)tx, households, ct);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refreshes the query planner's statistics of the tables written, after a bulk write has committed. SQLite keeps
    /// none until ANALYZE runs, and without them it takes "MergedIntoId IS NULL" for a selective index and reads the whole
    /// households table through it; analysis_limit keeps this to milliseconds on a million rows. PostgreSQL's autovacuum
    /// analyses changed tables by itself.
    /// </summary>
    public static async Task RefreshStatisticsAsync(IRegistryData data, CancellationToken ct = default)
    {
        if (data.Database.IsSqlite())
        {
            await data.Database.ExecuteSqlRawAsync(
                "PRAGMA analysis_limit = 1000; ANALYZE \"households\"; ANALYZE \"persons\"; ANALYZE \"household_categories\";", ct);
        }
    }

    private static void InsertSqlite(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Household> households, CancellationToken ct)
    {
        using (var insert = new SqliteInsert(connection, tx, "households"))
        {
            foreach (var h in households)
            {
                insert.Row(ct, GuidText(h.Id), h.RegionCode, h.Address, h.HeadName, (int?)h.Category, (int)h.Needs, h.MemberCount, h.Latitude, h.Longitude,
                    h.CreatedAt.UtcTicks, h.UpdatedAt.UtcTicks, GuidText(h.ConcurrencyStamp), GuidText(h.MergedIntoId));
            }
        }

        using (var insert = new SqliteInsert(connection, tx, "persons"))
        {
            foreach (var p in households.SelectMany(h => h.Members))
            {
                insert.Row(ct, GuidText(p.Id), GuidText(p.HouseholdId), p.RegionCode, p.Name, (int)p.Sex, p.BirthYear, (int)p.Relation, (int)p.Needs,
                    p.IdNumberCipher, p.IdNumberIndex, p.IdNumberMasked, p.IdNumberLast4, p.RegistrationRegion, p.DisabilityCipher,
                    GuidText(p.GuardianId), p.GuardianRelation, p.PhoneCipher, p.PhoneMasked);
            }
        }

        using (var insert = new SqliteInsert(connection, tx, "household_categories"))
        {
            foreach (var c in households.SelectMany(h => h.Categories))
            {
                insert.Row(ct, GuidText(c.Id), GuidText(c.HouseholdId), c.RegionCode, (int)c.Category, DateText(c.Start), DateText(c.End));
            }
        }
    }

    // The text forms the EF Core SQLite provider reads back: upper-case GUIDs, ISO dates (and UTC ticks for instants).
    private static string? GuidText(Guid? id) => id?.ToString().ToUpperInvariant();

    private static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One prepared INSERT for a table, executed once per row.</summary>
    private sealed class SqliteInsert : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;
        private int _rows;

        public SqliteInsert(SqliteConnection connection, SqliteTransaction tx, string table)
        {
            var columns = Columns[table];
            _command = connection.CreateCommand();
            _command.Transaction = tx;
            _command.CommandText =
                $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            _parameters = columns.Select((_, i) => _command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
            _command.Prepare();
        }

        public void Row(CancellationToken ct, params object?[] values)
        {
            if ((++_rows & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                var parameter = _parameters[i];
                (parameter.SqliteType, parameter.Value) = value switch
                {
                    null => (SqliteType.Text, DBNull.Value),
                    int or long => (SqliteType.Integer, value),
                    double => (SqliteType.Real, value),
                    _ => (SqliteType.Text, value),
                };
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }

    private static async Task InsertPostgresAsync(NpgsqlConnection connection, IReadOnlyList<Household> households, CancellationToken ct)
    {
        await using (var copy = await BeginAsync(connection, "households", ct))
        {
            foreach (var h in households)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(h.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(h.RegionCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.Address, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.HeadName, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, (int?)h.Category, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)h.Needs, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(h.MemberCount, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, h.Latitude, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, h.Longitude, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(h.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(h.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(h.ConcurrencyStamp, NpgsqlDbType.Uuid, ct);
                await WriteAsync(copy, h.MergedIntoId, NpgsqlDbType.Uuid, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await BeginAsync(connection, "persons", ct))
        {
            foreach (var p in households.SelectMany(h => h.Members))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.HouseholdId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.RegionCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)p.Sex, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.BirthYear, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)p.Relation, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)p.Needs, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.IdNumberCipher, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.IdNumberIndex, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.IdNumberMasked, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.IdNumberLast4, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, p.RegistrationRegion, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, p.DisabilityCipher, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, p.GuardianId, NpgsqlDbType.Uuid, ct);
                await WriteAsync(copy, p.GuardianRelation, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, p.PhoneCipher, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, p.PhoneMasked, NpgsqlDbType.Varchar, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await BeginAsync(connection, "household_categories", ct))
        {
            foreach (var c in households.SelectMany(h => h.Categories))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.HouseholdId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.RegionCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)c.Category, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(c.Start, NpgsqlDbType.Date, ct);
                await WriteAsync(copy, c.End, NpgsqlDbType.Date, ct);
            }

            await copy.CompleteAsync(ct);
        }
    }

    private static Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection connection, string table, CancellationToken ct) =>
        connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", Columns[table].Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
