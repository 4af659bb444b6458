using Jiuzhu.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jiuzhu.Migrations.Postgres;

/// <summary>Used by `dotnet ef migrations add` for the PostgreSQL migration set; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JiuzhuDbContext>
{
    public JiuzhuDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JiuzhuDbContext>();
        JiuzhuDatabase.Configure(options, new DatabaseOptions { Provider = "Postgres", ConnectionString = "Host=localhost;Database=jiuzhu_design" });
        return new JiuzhuDbContext(options.Options, FixedActor.System("design-time"));
    }
}
