using Jiuzhu.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Cases.Data;

/// <summary>The data the case workflow needs; implemented by the composed database context.</summary>
public interface ICasesData
{
    DbSet<Case> Cases { get; }

    DbSet<CaseStep> CaseSteps { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
