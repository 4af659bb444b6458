using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Web.Infrastructure;

/// <summary>
/// Runs one call of an interactive page in its own service scope, so each call gets a fresh database context
/// (a circuit lives long and its events may overlap; one shared context would go stale or be used concurrently).
/// The circuit's user is carried into the new scope, so jurisdiction filters and audit entries see who acts.
/// </summary>
public sealed class FreshScope(IServiceScopeFactory scopes, CircuitUser user, IHttpContextAccessor http)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> call)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitUser>().Principal = user.Principal ?? http.HttpContext?.User;
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
