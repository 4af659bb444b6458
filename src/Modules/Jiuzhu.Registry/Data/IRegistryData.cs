using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Registry.Data;

/// <summary>The data the Registry module needs; implemented by the composed database context.</summary>
public interface IRegistryData
{
    DbSet<Household> Households { get; }

    DbSet<Person> Persons { get; }

    DbSet<CategoryPeriod> CategoryPeriods { get; }

    DbSet<Consent> Consents { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
