using System.CommandLine;
using Jiuzhu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

internal static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "数据库 / database");
        var migrate = new Command("migrate", "创建数据库并执行全部迁移 / create the database and apply all migrations");
        migrate.SetAction((_, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            using var host = CliHost.Build();
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<JiuzhuDbContext>();
            var applied = await context.Database.GetAppliedMigrationsAsync(ct);
            var options = host.Services.GetRequiredService<DatabaseOptions>();
            JiuzhuCommandLine.WriteResult(new { database = options.Describe(), migrations = applied.Count(), latest = applied.LastOrDefault() });
            return 0;
        }));
        db.Subcommands.Add(migrate);
        return db;
    }
}
