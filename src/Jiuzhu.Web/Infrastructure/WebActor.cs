using System.Security.Claims;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Jiuzhu.Web.Infrastructure;

/// <summary>The principal of an interactive circuit, kept current by <see cref="CircuitUserHandler"/>.</summary>
public sealed class CircuitUser
{
    public ClaimsPrincipal? Principal { get; set; }
}

/// <summary>Copies the circuit's authentication state into <see cref="CircuitUser"/> so scoped services see who acts.</summary>
public sealed class CircuitUserHandler(AuthenticationStateProvider auth, CircuitUser user) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        auth.AuthenticationStateChanged += OnChanged;
        user.Principal = (await auth.GetAuthenticationStateAsync()).User;
    }

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => user.Principal = t.Result.User, TaskContinuationOptions.OnlyOnRanToCompletion);
}

/// <summary>The current actor of a request or circuit, from its claims.</summary>
internal sealed class WebActor(IHttpContextAccessor http, CircuitUser circuit, ActorOverride actorOverride) : ICurrentActor
{
    private ICurrentActor Current => actorOverride.Actor ?? JiuzhuClaims.ToActor(circuit.Principal ?? http.HttpContext?.User);

    public ActorKind Kind => Current.Kind;

    public Guid? Id => Current.Id;

    public string Name => Current.Name;

    public IReadOnlyList<string> Roles => Current.Roles;

    public RegionCode? Jurisdiction => Current.Jurisdiction;

    public string? Department => Current.Department;

    public Guid? Organization => Current.Organization;
}
