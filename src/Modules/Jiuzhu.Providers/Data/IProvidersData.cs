using Jiuzhu.Providers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Providers.Data;

/// <summary>The data the providers module keeps; implemented by the composed database context.</summary>
public interface IProvidersData
{
    DbSet<Provider> Providers { get; }

    DbSet<Qualification> ProviderQualifications { get; }

    DbSet<ServicePoint> ServicePoints { get; }

    DbSet<StaffMember> ProviderStaff { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
