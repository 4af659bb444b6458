using Jiuzhu.Geo.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jiuzhu.Geo.ImportRegions;

/// <summary>
/// Writes region rows in bulk inside the caller's transaction, bypassing change tracking (ARCHITECTURE.md, "Bulk paths").
/// A row is written only when it is new or differs in name, level, parent or kind; Latitude, Longitude and Boundary are
/// never touched, because they come from elsewhere (the demo geography).
/// </summary>
internal static class RegionBulkWriter
{
    public static Task<(int Inserted, int Updated, int Unchanged)> UpsertAsync(IGeoData data, IReadOnlyList<RegionRow> rows, CancellationToken ct)
    {
        var tx = data.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("The bulk region writer runs inside the caller's transaction.");
        return data.Database.IsNpgsql()
            ? UpsertPostgresAsync((NpgsqlConnection)data.Database.GetDbConnection(), rows, ct)
            : Task.FromResult(UpsertSqlite((SqliteConnection)data.Database.GetDbConnection(), (SqliteTransaction)tx, rows, ct));
    }

    // One prepared statement, executed per row in one transaction. changes() is 1 for an insert or an update and 0
    // when the WHERE of the upsert finds the row unchanged; the growth of the table tells inserts from updates.
    private static (int, int, int) UpsertSqlite(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<RegionRow> rows, CancellationToken ct)
    {
        var before = Count(connection, tx);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "regions" ("Code", "Name", "Level", "ParentCode", "Kind") VALUES ($code, $name, $level, $parent, $kind)
            ON CONFLICT ("Code") DO UPDATE SET
                "Name" = excluded."Name", "Level" = excluded."Level", "ParentCode" = excluded."ParentCode", "Kind" = excluded."Kind"
            WHERE "regions"."Name" IS NOT excluded."Name" OR "regions"."Level" IS NOT excluded."Level"
               OR "regions"."ParentCode" IS NOT excluded."ParentCode" OR "regions"."Kind" IS NOT excluded."Kind"
            """;
        var code = cmd.Parameters.Add("$code", SqliteType.Text);
        var name = cmd.Parameters.Add("$name", SqliteType.Text);
        var level = cmd.Parameters.Add("$level", SqliteType.Integer);
        var parent = cmd.Parameters.Add("$parent", SqliteType.Text);
        var kind = cmd.Parameters.Add("$kind", SqliteType.Integer);
        cmd.Prepare();

        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            code.Value = row.Code;
            name.Value = row.Name;
            level.Value = (int)row.Level;
            parent.Value = (object?)row.ParentCode ?? DBNull.Value;
            kind.Value = (int)row.Kind;
            changed += cmd.ExecuteNonQuery();
        }

        var inserted = Count(connection, tx) - before;
        return (inserted, changed - inserted, rows.Count - changed);
    }

    private static int Count(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """SELECT COUNT(*) FROM "regions" """;
        return Convert.ToInt32(cmd.ExecuteScalar());
    }

    // Binary COPY into a temporary table, then two set-based statements: drop the rows that are already identical
    // (counting them, and sparing PostgreSQL from locking rows it would not change), and upsert the rest,
    // telling inserts from updates by xmax (0 for a freshly inserted row version).
    private static async Task<(int, int, int)> UpsertPostgresAsync(NpgsqlConnection connection, IReadOnlyList<RegionRow> rows, CancellationToken ct)
    {
        await ExecuteAsync(connection, """
            CREATE TEMPORARY TABLE region_import (code varchar(12) NOT NULL, name varchar(100) NOT NULL, level integer NOT NULL, parent varchar(12), kind integer NOT NULL) ON COMMIT DROP
            """, ct);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY region_import (code, name, level, parent, kind) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Code, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)row.Level, NpgsqlDbType.Integer, ct);
                if (row.ParentCode is null)
                {
                    await copy.WriteNullAsync(ct);
                }
                else
                {
                    await copy.WriteAsync(row.ParentCode, NpgsqlDbType.Varchar, ct);
                }

                await copy.WriteAsync((int)row.Kind, NpgsqlDbType.Integer, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await ExecuteAsync(connection, "ANALYZE region_import", ct);
        var unchanged = await ExecuteAsync(connection, """
            DELETE FROM region_import i USING "regions" r
            WHERE r."Code" = i.code AND r."Name" = i.name AND r."Level" = i.level AND r."Kind" = i.kind
              AND r."ParentCode" IS NOT DISTINCT FROM i.parent
            """, ct);

        await using var upsert = new NpgsqlCommand("""
            WITH written AS (
                INSERT INTO "regions" ("Code", "Name", "Level", "ParentCode", "Kind")
                SELECT code, name, level, parent, kind FROM region_import
                ON CONFLICT ("Code") DO UPDATE SET
                    "Name" = EXCLUDED."Name", "Level" = EXCLUDED."Level", "ParentCode" = EXCLUDED."ParentCode", "Kind" = EXCLUDED."Kind"
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
            """, connection);
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var inserted = (int)reader.GetInt64(0);
        var updated = (int)reader.GetInt64(1);
        return (inserted, updated, unchanged);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
