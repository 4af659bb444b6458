using Jiuzhu.Geo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Geo.Data;

/// <summary>The data the Geo module needs; implemented by the composed database context.</summary>
public interface IGeoData
{
    DbSet<Region> Regions { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
