using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiuzhu.Assessment.Data;

/// <summary>
/// A read-only transaction whose queries all see one snapshot of the database, for pages that read standings with
/// more than one query while a batch may commit: repeatable read on PostgreSQL, a deferred transaction on SQLite (in
/// WAL mode it reads the snapshot of its first read and takes no write lock).
/// </summary>
internal static class ReadSnapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A read snapshot starts outside any other transaction.");
        }

        if (!database.IsSqlite())
        {
            return await database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)database.GetDbConnection();
        return (await database.UseTransactionAsync(connection.BeginTransaction(deferred: true), ct))!;
    }
}
