using Jiuzhu.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Audit.Data;

/// <summary>The data the Audit module needs; implemented by the composed database context.</summary>
public interface IAuditData
{
    DbSet<AuditEntry> AuditEntries { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
