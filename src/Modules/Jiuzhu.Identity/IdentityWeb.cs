using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Identity;

/// <summary>Web sign-in: cookies for people, API keys for department systems, and the 2FA enrolment gate.</summary>
public static class IdentityWeb
{
    public const string CombinedScheme = "Jiuzhu";
    public const string LoginPath = "/account/login";
    public const string TwoFactorSetupPath = "/account/setup-2fa";

    public static IServiceCollection AddJiuzhuIdentityWeb(this IServiceCollection services)
    {
        services.AddScoped<SignInManager<JiuzhuUser>, JiuzhuSignInManager>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CombinedScheme;
                o.DefaultChallengeScheme = CombinedScheme;
            })
            .AddPolicyScheme(CombinedScheme, "Cookie or API key", o =>
                o.ForwardDefaultSelector = ctx => ApiKeyAuthenticationHandler.Presents(ctx.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "jiuzhu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status403Forbidden),
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        return services;
    }

    /// <summary>An administrator who has not enrolled a second factor may only reach the enrolment page.</summary>
    public static IApplicationBuilder UseTwoFactorEnrolmentGate(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (ctx.User.HasClaim(c => c.Type == JiuzhuClaims.TwoFactorSetupRequired) && !IsAllowedDuringEnrolment(ctx.Request.Path))
            {
                if (IsApi(ctx.Request))
                {
                    await Results.Problem(
                        title: "须先绑定双因素认证",
                        detail: "管理员账号必须先绑定动态口令（TOTP）才能使用系统。",
                        statusCode: StatusCodes.Status403Forbidden,
                        extensions: new Dictionary<string, object?> { ["code"] = "auth.two_factor_setup_required" }).ExecuteAsync(ctx);
                    return;
                }

                ctx.Response.Redirect(TwoFactorSetupPath);
                return;
            }

            await next();
        });

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static bool IsAllowedDuringEnrolment(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/culture") || Path.HasExtension(path.Value);

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The address if it is local to this site, otherwise the home page (no open redirects).</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    internal static AuditEvent LoginEvent(string action, AuditOutcome outcome, string userName, JiuzhuUser? user, string summary) =>
        new(action, "user", user?.Id.ToString(), user?.Jurisdiction, outcome, summary) { ActorNameOverride = userName };
}
