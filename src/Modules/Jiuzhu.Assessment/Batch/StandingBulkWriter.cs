using System.Globalization;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jiuzhu.Assessment.Batch;

/// <summary>
/// Writes standings, standing changes and follow-up tasks in bulk inside the caller's transaction, bypassing change
/// tracking: prepared statements on SQLite, binary COPY on PostgreSQL (ARCHITECTURE.md, "Bulk paths").
/// </summary>
internal static class StandingBulkWriter
{
    private static readonly string[] StandingColumns =
    [
        "HouseholdId", "RegionCode", "AssessmentId", "InstrumentId", "Score", "ScoreValue", "Poor", "Incomplete", "ProtectedProfile",
        "Tier", "TierRule", "TierRuleName", "Phase", "IncomeOkSince", "ComputedAt", "ProtectedInputs", "InputsInstrumentId", "ResultStamp",
    ];

    private static readonly string[] ChangeColumns = ["Id", "HouseholdId", "RegionCode", "Kind", "From", "To", "Reason", "Source", "AssessmentId", "At"];

    private static readonly string[] TaskColumns =
    [
        "Id", "HouseholdId", "RegionCode", "Kind", "Tier", "AssigneeRole", "Title", "Reason", "DueAt", "CreatedAt", "Status", "ClosedAt", "ClosedBy", "Note",
        "Version",
    ];

    private static readonly string[] AssessmentColumns =
    [
        "Id", "HouseholdId", "CaseId", "RegionCode", "InstrumentId", "InstrumentCode", "InstrumentVersion", "Status", "ProtectedAnswers", "ProtectedProfile",
        "Score", "ScoreValue", "Poor", "IsCurrent", "Incomplete", "AssessedBy", "AssessedByUserId", "CreatedAt", "UpdatedAt", "SubmittedAt", "Version",
    ];

    /// <summary>The columns per table, so a test can compare them with the model and no new column is forgotten.</summary>
    public static IReadOnlyDictionary<string, string[]> Columns { get; } = new Dictionary<string, string[]>
    {
        ["household_standings"] = StandingColumns,
        ["standing_changes"] = ChangeColumns,
        ["follow_up_tasks"] = TaskColumns,
        ["assessments"] = AssessmentColumns,
    };

    /// <summary>Writes assessments (e.g. loaded from an earlier system) in bulk, inside the caller's transaction.</summary>
    public static async Task WriteAssessmentsAsync(IAssessmentData data, IReadOnlyList<HouseholdAssessment> rows, CancellationToken ct)
    {
        var tx = data.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("The bulk assessment writer runs inside the caller's transaction.");
        if (data.Database.IsNpgsql())
        {
            await CopyAsync((NpgsqlConnection)data.Database.GetDbConnection(), "assessments", AssessmentColumns, rows, WriteAssessment, ct);
            return;
        }

        Insert((SqliteConnection)data.Database.GetDbConnection(), (SqliteTransaction)tx, "assessments", AssessmentColumns, rows, a =>
        [
            Id(a.Id), Id(a.HouseholdId), Id(a.CaseId), a.RegionCode, Id(a.InstrumentId), a.InstrumentCode, a.InstrumentVersion, (int)a.Status, a.ProtectedAnswers,
            a.ProtectedProfile, a.Score, a.ScoreValue, a.Poor ? 1 : 0, a.IsCurrent ? 1 : 0, a.Incomplete ? 1 : 0, a.AssessedBy, Id(a.AssessedByUserId),
            a.CreatedAt.UtcTicks, a.UpdatedAt.UtcTicks, a.SubmittedAt?.UtcTicks, Id(a.Version),
        ], ct);
    }

    /// <summary>
    /// Writes recomputed standings: each of <paramref name="changed"/> replaces the household's row unless that row was
    /// computed at or after <paramref name="notComputedSince"/> (by an assessment submitted meanwhile); each of
    /// <paramref name="added"/> is inserted unless the household has gained a row meanwhile. Returns the households written.
    /// </summary>
    public static async Task<HashSet<Guid>> WriteStandingsAsync(
        IAssessmentData data, IReadOnlyList<HouseholdStanding> changed, IReadOnlyList<HouseholdStanding> added, DateTimeOffset notComputedSince, CancellationToken ct)
    {
        var tx = data.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("The bulk standing writer runs inside the caller's transaction.");
        var written = new HashSet<Guid>();
        var list = string.Join(", ", StandingColumns.Select(c => $"\"{c}\""));
        if (data.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)data.Database.GetDbConnection();
            if (changed.Count > 0)
            {
                await StageAsync(connection, changed, ct);
                var assignments = string.Join(", ", StandingColumns.Skip(1).Select(c => $"\"{c}\" = i.\"{c}\""));
                await using var update = new NpgsqlCommand(
                    $"""
                     UPDATE "household_standings" s SET {assignments} FROM standings_incoming i
                     WHERE s."HouseholdId" = i."HouseholdId" AND s."ComputedAt" < @since
                     RETURNING s."HouseholdId"
                     """, connection);
                update.Parameters.AddWithValue("since", notComputedSince);
                await ReadIdsAsync(update, written, ct);
            }

            if (added.Count > 0)
            {
                await StageAsync(connection, added, ct);
                await using var insert = new NpgsqlCommand(
                    $"""
                     INSERT INTO "household_standings" ({list}) SELECT {list} FROM standings_incoming
                     ON CONFLICT ("HouseholdId") DO NOTHING RETURNING "HouseholdId"
                     """, connection);
                await ReadIdsAsync(insert, written, ct);
            }

            return written;
        }

        var sqlite = (SqliteConnection)data.Database.GetDbConnection();
        if (changed.Count > 0)
        {
            using var update = sqlite.CreateCommand();
            update.Transaction = (SqliteTransaction)tx;
            update.CommandText =
                $"UPDATE \"household_standings\" SET {string.Join(", ", StandingColumns.Select((c, i) => (c, i)).Skip(1).Select(x => $"\"{x.c}\" = $p{x.i}"))} " +
                $"WHERE \"HouseholdId\" = $p0 AND \"ComputedAt\" < $since";
            update.Parameters.Add("$since", SqliteType.Integer).Value = notComputedSince.UtcTicks;
            Each(update, changed, written, ct);
        }

        if (added.Count > 0)
        {
            using var insert = sqlite.CreateCommand();
            insert.Transaction = (SqliteTransaction)tx;
            insert.CommandText =
                $"INSERT INTO \"household_standings\" ({list}) VALUES ({string.Join(", ", StandingColumns.Select((_, i) => $"$p{i}"))}) ON CONFLICT (\"HouseholdId\") DO NOTHING";
            Each(insert, added, written, ct);
        }

        return written;
    }

    // Runs a prepared statement once per standing; the ones it changed a row for are written.
    private static void Each(SqliteCommand command, IReadOnlyList<HouseholdStanding> rows, HashSet<Guid> written, CancellationToken ct) =>
        Run(command, StandingColumns.Length, rows, StandingValues, row => written.Add(row.HouseholdId), ct);

    // Prepares the command with $p0… and runs it once per row; onChanged sees the rows it changed one row for.
    private static void Run<T>(SqliteCommand command, int columns, IReadOnlyList<T> rows, Func<T, object?[]> values, Action<T>? onChanged, CancellationToken ct)
    {
        var parameters = Enumerable.Range(0, columns).Select(i => command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
        command.Prepare();
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            Bind(parameters, values(rows[r]));
            if (command.ExecuteNonQuery() == 1)
            {
                onChanged?.Invoke(rows[r]);
            }
        }
    }

    // The rows in a temporary table (dropped at commit), with statistics so the planner joins them by the key.
    private static async Task StageAsync(NpgsqlConnection connection, IReadOnlyList<HouseholdStanding> rows, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
                         """
                         DROP TABLE IF EXISTS standings_incoming;
                         CREATE TEMP TABLE standings_incoming (LIKE "household_standings" INCLUDING DEFAULTS) ON COMMIT DROP
                         """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await CopyAsync(connection, "standings_incoming", StandingColumns, rows, WriteStanding, ct);
        await using var analyze = new NpgsqlCommand("ANALYZE standings_incoming", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes standing changes and follow-up tasks.</summary>
    public static async Task WriteAsync(IAssessmentData data, IReadOnlyList<StandingChange> changes, IReadOnlyList<FollowUpTask> tasks, CancellationToken ct)
    {
        var tx = data.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("The bulk standing writer runs inside the caller's transaction.");
        if (data.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)data.Database.GetDbConnection();
            await CopyAsync(connection, "standing_changes", ChangeColumns, changes, WriteChange, ct);
            await CopyAsync(connection, "follow_up_tasks", TaskColumns, tasks, WriteTask, ct);
            return;
        }

        var sqlite = (SqliteConnection)data.Database.GetDbConnection();
        Insert(sqlite, (SqliteTransaction)tx, "standing_changes", ChangeColumns, changes, c =>
        [
            Id(c.Id), Id(c.HouseholdId), c.RegionCode, c.Kind, c.From, c.To, c.Reason, c.Source, Id(c.AssessmentId), c.At.UtcTicks,
        ], ct);
        Insert(sqlite, (SqliteTransaction)tx, "follow_up_tasks", TaskColumns, tasks, t =>
        [
            Id(t.Id), Id(t.HouseholdId), t.RegionCode, (int)t.Kind, (int?)t.Tier, t.AssigneeRole, t.Title, t.Reason, t.DueAt.UtcTicks, t.CreatedAt.UtcTicks,
            (int)t.Status, t.ClosedAt?.UtcTicks, t.ClosedBy, t.Note, Id(t.Version),
        ], ct);
    }

    private static object?[] StandingValues(HouseholdStanding s) =>
    [
        Id(s.HouseholdId), s.RegionCode, Id(s.AssessmentId), Id(s.InstrumentId), s.Score, s.ScoreValue, s.Poor ? 1 : 0, s.Incomplete ? 1 : 0,
        s.ProtectedProfile, (int)s.Tier, s.TierRule, s.TierRuleName, (int)s.Phase, Date(s.IncomeOkSince), s.ComputedAt.UtcTicks, s.ProtectedInputs,
        Id(s.InputsInstrumentId), s.ResultStamp,
    ];

    private static async Task ReadIdsAsync(NpgsqlCommand command, HashSet<Guid> into, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into.Add(reader.GetGuid(0));
        }
    }

    // The text forms the EF Core SQLite provider reads back: upper-case GUIDs, ISO dates (and UTC ticks for instants).
    private static string? Id(Guid? id) => id?.ToString().ToUpperInvariant();

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Insert<T>(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns, IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        Run(command, columns.Length, rows, values, null, ct);
    }

    private static void Bind(SqliteParameter[] parameters, object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            (parameters[i].SqliteType, parameters[i].Value) = row[i] switch
            {
                null => (SqliteType.Text, DBNull.Value),
                int or long => (SqliteType.Integer, row[i]!),
                double => (SqliteType.Real, row[i]!),
                byte[] => (SqliteType.Blob, row[i]!),
                var other => (SqliteType.Text, other),
            };
        }
    }

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, string table, string[] columns, IReadOnlyList<T> rows, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await write(copy, row, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task WriteStanding(NpgsqlBinaryImporter copy, HouseholdStanding s, CancellationToken ct)
    {
        await copy.WriteAsync(s.HouseholdId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(s.RegionCode, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(s.AssessmentId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(s.InstrumentId, NpgsqlDbType.Uuid, ct);
        await WriteNullableAsync(copy, s.Score, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, s.ScoreValue, NpgsqlDbType.Double, ct);
        await copy.WriteAsync(s.Poor, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(s.Incomplete, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(s.ProtectedProfile, NpgsqlDbType.Text, ct);
        await copy.WriteAsync((int)s.Tier, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(s.TierRule, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(s.TierRuleName, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync((int)s.Phase, NpgsqlDbType.Integer, ct);
        await WriteNullableAsync(copy, s.IncomeOkSince, NpgsqlDbType.Date, ct);
        await copy.WriteAsync(s.ComputedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(s.ProtectedInputs, NpgsqlDbType.Bytea, ct);
        await copy.WriteAsync(s.InputsInstrumentId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(s.ResultStamp, NpgsqlDbType.Bigint, ct);
    }

    private static async Task WriteChange(NpgsqlBinaryImporter copy, StandingChange c, CancellationToken ct)
    {
        await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(c.HouseholdId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(c.RegionCode, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.Kind, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, c.From, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.To, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.Reason, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.Source, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, c.AssessmentId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(c.At, NpgsqlDbType.TimestampTz, ct);
    }

    private static async Task WriteTask(NpgsqlBinaryImporter copy, FollowUpTask t, CancellationToken ct)
    {
        await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(t.HouseholdId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(t.RegionCode, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync((int)t.Kind, NpgsqlDbType.Integer, ct);
        await WriteNullableAsync(copy, (int?)t.Tier, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(t.AssigneeRole, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(t.Title, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(t.Reason, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(t.DueAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync((int)t.Status, NpgsqlDbType.Integer, ct);
        await WriteNullableAsync(copy, t.ClosedAt, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, t.ClosedBy, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, t.Note, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(t.Version, NpgsqlDbType.Uuid, ct);
    }

    private static async Task WriteAssessment(NpgsqlBinaryImporter copy, HouseholdAssessment a, CancellationToken ct)
    {
        await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(a.HouseholdId, NpgsqlDbType.Uuid, ct);
        await WriteNullableAsync(copy, a.CaseId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(a.RegionCode, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(a.InstrumentId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(a.InstrumentCode, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(a.InstrumentVersion, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync((int)a.Status, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(a.ProtectedAnswers, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.ProtectedProfile, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, a.Score, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, a.ScoreValue, NpgsqlDbType.Double, ct);
        await copy.WriteAsync(a.Poor, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(a.IsCurrent, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(a.Incomplete, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(a.AssessedBy, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(copy, a.AssessedByUserId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(a.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, a.SubmittedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(a.Version, NpgsqlDbType.Uuid, ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
