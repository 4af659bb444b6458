using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Registry.Data;

/// <summary>The data the Registry module needs; implemented by the composed database context.</summary>
public interface IRegistryData
{
    DbSet<Household> Households { get; }

    DbSet<Person> Persons { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
