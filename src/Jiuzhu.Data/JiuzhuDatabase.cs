using Jiuzhu.Audit.Data;
using Jiuzhu.Cases.Data;
using Jiuzhu.Geo.Data;
using Jiuzhu.Identity.Data;
using Jiuzhu.Registry.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Data;

/// <summary>Provider setup, registration and start-up migration of the one database.</summary>
public static class JiuzhuDatabase
{
    public const string SqliteMigrationsAssembly = "Jiuzhu.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Jiuzhu.Migrations.Postgres";

    public static DatabaseOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static IServiceCollection AddJiuzhuData(this IServiceCollection services, DatabaseOptions database)
    {
        Validate(database);
        services.AddSingleton(database);
        services.AddDbContext<JiuzhuDbContext>(o => Configure(o, database));
        services.AddScoped<IGeoData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<IIdentityData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<IAuditData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<IRegistryData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<ICasesData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<Jiuzhu.Assessment.Data.IAssessmentData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<Jiuzhu.Catalog.Data.ICatalogData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<Jiuzhu.Catalog.Plans.IPlanData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<Jiuzhu.Providers.Data.IProvidersData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<Jiuzhu.Orders.Data.IOrdersData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        services.AddScoped<ICalendarData>(sp => sp.GetRequiredService<JiuzhuDbContext>());
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        if (database.IsPostgres)
        {
            options.UseNpgsql(database.ConnectionString, x => x.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(database), x => x.MigrationsAssembly(SqliteMigrationsAssembly));
        }

        // Both providers may live in one process (tests); their models differ, so cache them apart.
        options.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
    }

    public static string SqliteConnectionString(DatabaseOptions database) => new SqliteConnectionStringBuilder
    {
        DataSource = database.SqlitePath,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    /// <summary>
    /// Creates the database if needed and applies pending migrations. Throws
    /// <see cref="DatabaseUnavailableException"/> with a one-line reason when it cannot.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        try
        {
            if (database.IsSqlite)
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(database.SqlitePath));
                if (!string.IsNullOrEmpty(dir))
                {
                    Directory.CreateDirectory(dir);
                }
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JiuzhuDbContext>();
            await db.Database.MigrateAsync(ct);
            if (database.IsSqlite)
            {
                // Readers do not block the writer; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseUnavailableException($"无法连接或迁移数据库 / cannot reach or migrate the database ({database.Describe()}): {OneLine(ex)}", ex);
        }
    }

    private static void Validate(DatabaseOptions database)
    {
        if (!database.IsSqlite && !database.IsPostgres)
        {
            throw new DatabaseUnavailableException($"Database:Provider must be Sqlite or Postgres, not '{database.Provider}'.");
        }

        if (database.IsPostgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            throw new DatabaseUnavailableException("Database:Provider is Postgres but Database:ConnectionString is empty.");
        }
    }

    private static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is not Npgsql.NpgsqlException and not SqliteException)
        {
            inner = inner.InnerException;
        }

        return inner.Message.ReplaceLineEndings(" ").Trim();
    }

    private sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
    }
}

/// <summary>The database cannot be reached or migrated; the message is one line, fit for a console.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
