using Jiuzhu.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Catalog.Data;

/// <summary>The data the service catalog keeps; implemented by the composed database context.</summary>
public interface ICatalogData
{
    DbSet<CatalogEntry> CatalogEntries { get; }

    DbSet<CatalogPackage> CatalogPackages { get; }

    DbSet<FunctionDivisionEntry> FunctionDivisionEntries { get; }

    DbSet<Referrals.Referral> Referrals { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
