using Jiuzhu.Audit.Data;
using Jiuzhu.Audit.Domain;
using Jiuzhu.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Audit;

internal sealed class AuditTrail(IAuditData data, ICurrentActor actor, TimeProvider clock, IServiceScopeFactory scopes) : IAuditTrail
{
    public void Record(AuditEvent auditEvent) =>
        data.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, auditEvent));

    public async Task WriteNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        // Built here, with this scope's actor; saved through a fresh context so nothing else pending is committed with it.
        var entry = new AuditEntry(clock.GetUtcNow(), actor, auditEvent);
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<IAuditData>();
        own.AuditEntries.Add(entry);
        await own.SaveChangesAsync(cancellationToken);
    }
}
