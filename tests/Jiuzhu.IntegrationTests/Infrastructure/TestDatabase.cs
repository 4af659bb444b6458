using Jiuzhu.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jiuzhu.IntegrationTests.Infrastructure;

/// <summary>The two real database engines every data test runs against.</summary>
public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or a new database on the throwaway
/// PostgreSQL server that scripts/test.sh starts (connection in JIUZHU_TEST_PG). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "JIUZHU_TEST_PG";

    private readonly string? _sqliteDir;
    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    private TestDatabase(Engine engine, DatabaseOptions options, string? sqliteDir, string? pgAdmin, string? pgName)
    {
        Engine = engine;
        Options = options;
        _sqliteDir = sqliteDir;
        _pgAdmin = pgAdmin;
        _pgName = pgName;
    }

    public static TheoryData<Engine> Engines => new() { Engine.Sqlite, Engine.Postgres };

    public Engine Engine { get; }

    public DatabaseOptions Options { get; }

    /// <summary>Configuration values that point the platform at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Options.Provider,
        ["Database:SqlitePath"] = Options.SqlitePath,
        ["Database:ConnectionString"] = Options.ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(Engine engine, bool migrate = true)
    {
        TestDatabase db;
        if (engine == Engine.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "jiuzhu-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            db = new TestDatabase(engine, new DatabaseOptions { Provider = "Sqlite", SqlitePath = Path.Combine(dir, "jiuzhu.db") }, dir, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException(
                    $"{PostgresVariable} is not set: run the tests through scripts/test.sh, which starts a throwaway PostgreSQL server.");
            }

            var name = $"jz_test_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase(engine, new DatabaseOptions { Provider = "Postgres", ConnectionString = cs }, null, admin, name);
        }

        if (migrate)
        {
            await using var context = db.CreateContext();
            await context.Database.MigrateAsync();
        }

        return db;
    }

    /// <summary>A context acting as the given actor (the system by default).</summary>
    public JiuzhuDbContext CreateContext(ICurrentActor? actor = null)
    {
        var builder = new DbContextOptionsBuilder<JiuzhuDbContext>();
        JiuzhuDatabase.Configure(builder, Options);
        return new JiuzhuDbContext(builder.Options, actor ?? FixedActor.System("test"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere is left for the OS to clean.
            }
        }

        if (_pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
