using System.Security.Claims;
using System.Text.Encodings.Web;
using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Identity;

/// <summary>Authenticates department systems by an API key in the X-Api-Key header (or "Authorization: ApiKey …").</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IIdentityData data,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>True when the request presents a key, so the API-key scheme should handle it.</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.ContainsKey(Header)
        || request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = Request.Headers[Header];
        if (string.IsNullOrEmpty(key))
        {
            var auth = Request.Headers.Authorization.ToString();
            if (auth.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
            {
                key = auth[(SchemeName.Length + 1)..].Trim();
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiClient.TryParseKey(key, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("malformed api key");
        }

        // Nobody is signed in yet, so the jurisdiction filter would hide every client.
        var client = await data.ApiClients.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.KeyId == keyId, Context.RequestAborted);
        if (client is null || !client.IsActive || !client.Matches(secret))
        {
            return AuthenticateResult.Fail("unknown or revoked api key");
        }

        var now = clock.GetUtcNow();
        if (client.LastUsedAt is null || now - client.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            client.MarkUsed(now);
            await data.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, client.Id.ToString()),
                new Claim(ClaimTypes.Name, $"api:{client.Name}"),
                new Claim(ClaimTypes.Role, Roles.DepartmentSystem),
                new Claim(JiuzhuClaims.ActorKind, "apiclient"),
                new Claim(JiuzhuClaims.Jurisdiction, client.RegionCode),
                new Claim(JiuzhuClaims.Department, client.Department),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
