using Jiuzhu.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jiuzhu.Migrations.Sqlite;

/// <summary>Used by `dotnet ef migrations add` for the SQLite migration set.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JiuzhuDbContext>
{
    public JiuzhuDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JiuzhuDbContext>();
        JiuzhuDatabase.Configure(options, new DatabaseOptions { Provider = "Sqlite", SqlitePath = "design-time.db" });
        return new JiuzhuDbContext(options.Options, FixedActor.System("design-time"));
    }
}
