using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Identity;

/// <summary>Users, roles, jurisdictions and API clients.</summary>
public static class IdentityModule
{
    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityModule).Assembly);
}
