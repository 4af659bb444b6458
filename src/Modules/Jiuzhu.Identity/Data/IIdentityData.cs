using Jiuzhu.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Identity.Data;

/// <summary>The data the Identity module needs beyond ASP.NET Core Identity's own stores.</summary>
public interface IIdentityData
{
    DbSet<JiuzhuUser> Users { get; }

    DbSet<ApiClient> ApiClients { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
