namespace Jiuzhu.Data;

/// <summary>Which database to use. Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite file, relative to the working directory.</summary>
    public string SqlitePath { get; set; } = "data/jiuzhu.db";

    /// <summary>Npgsql connection string when <see cref="Provider"/> is Postgres.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the data lives, for messages: never includes a password.</summary>
    public string Describe()
    {
        if (IsSqlite)
        {
            return $"SQLite {Path.GetFullPath(SqlitePath)}";
        }

        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString ?? string.Empty);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
