using System.Buffers.Text;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Jiuzhu.Assessment.Batch;

/// <summary>One row of a batch scan, read column by column without an object per value where the engine allows.</summary>
internal abstract class BatchRow
{
    public abstract bool IsNull(int column);

    public abstract Guid Guid(int column);

    public abstract long Int64(int column);

    public abstract int Int32(int column);

    public abstract byte[] Bytes(int column);

    public abstract DateOnly Date(int column);

    /// <summary>A text column of digits (a region code) as a number, to share one string per distinct value.</summary>
    public abstract long Digits(int column, out string? text);
}

/// <summary>
/// A full scan for the batch recomputation on a connection of its own. On SQLite it steps a prepared statement
/// through SQLitePCL directly and reads values from the engine's buffers (GUIDs and dates are stored as text there),
/// which is several times cheaper per row than the ADO.NET reader; on PostgreSQL it uses Npgsql's reader.
/// </summary>
internal static class BatchScan
{
    public static async Task RunAsync(bool sqlite, string connectionString, string sql, object? value, Action<BatchRow> row, CancellationToken ct)
    {
        if (sqlite)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            RunSqlite(connection, sql, value, row, ct);
            return;
        }

        await using var npgsql = new NpgsqlConnection(connectionString);
        await npgsql.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, npgsql);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var adapter = new ReaderRow(reader);
        while (await reader.ReadAsync(ct))
        {
            row(adapter);
        }
    }

    private static void RunSqlite(SqliteConnection connection, string sql, object? value, Action<BatchRow> row, CancellationToken ct)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.Replace("@value", "?1", StringComparison.Ordinal), out var statement);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"Preparing the batch scan failed: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}", rc);
        }

        using (statement)
        {
            if (value is bool flag)
            {
                raw.sqlite3_bind_int64(statement, 1, flag ? 1 : 0);
            }

            var adapter = new SqliteRow(statement);
            var n = 0;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++n & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                row(adapter);
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw new SqliteException($"The batch scan failed: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}", rc);
            }
        }
    }

    private sealed class SqliteRow(sqlite3_stmt statement) : BatchRow
    {
        public override bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public override Guid Guid(int column)
        {
            var utf8 = raw.sqlite3_column_blob(statement, column);
            if (utf8.Length == 16)
            {
                return new Guid(utf8);
            }

            Span<char> text = stackalloc char[utf8.Length];
            for (var i = 0; i < utf8.Length; i++)
            {
                text[i] = (char)utf8[i];
            }

            return System.Guid.Parse(text);
        }

        public override long Int64(int column) => raw.sqlite3_column_int64(statement, column);

        public override int Int32(int column) => raw.sqlite3_column_int(statement, column);

        public override byte[] Bytes(int column) => raw.sqlite3_column_blob(statement, column).ToArray();

        public override DateOnly Date(int column)
        {
            // EF Core's SQLite form of a DateOnly: yyyy-MM-dd.
            var utf8 = raw.sqlite3_column_blob(statement, column);
            if (utf8.Length != 10 || !Utf8Parser.TryParse(utf8[..4], out int year, out _) || !Utf8Parser.TryParse(utf8.Slice(5, 2), out int month, out _)
                || !Utf8Parser.TryParse(utf8.Slice(8, 2), out int day, out _))
            {
                throw new FormatException("A date in the standings is not yyyy-MM-dd.");
            }

            return new DateOnly(year, month, day);
        }

        public override long Digits(int column, out string? text)
        {
            var utf8 = raw.sqlite3_column_blob(statement, column);
            if (utf8.Length is > 0 and <= 18 && Utf8Parser.TryParse(utf8, out long number, out var used) && used == utf8.Length)
            {
                text = null;
                return number;
            }

            text = System.Text.Encoding.UTF8.GetString(utf8);
            return -1;
        }
    }

    private sealed class ReaderRow(DbDataReader reader) : BatchRow
    {
        public override bool IsNull(int column) => reader.IsDBNull(column);

        public override Guid Guid(int column) => reader.GetGuid(column);

        public override long Int64(int column) => reader.GetInt64(column);

        public override int Int32(int column) => reader.GetInt32(column);

        public override byte[] Bytes(int column) => (byte[])reader.GetValue(column);

        public override DateOnly Date(int column) => reader.GetFieldValue<DateOnly>(column);

        public override long Digits(int column, out string? text)
        {
            text = reader.GetString(column);
            return -1;
        }
    }
}
