using Jiuzhu.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Identity;

/// <summary>Registration of accounts, roles and password rules, shared by the web host and the command line.</summary>
public static class IdentityRegistration
{
    /// <summary>PBKDF2 (HMAC-SHA512) iterations for stored passwords; OWASP's 2023 floor for SHA-256 is 600,000.</summary>
    public const int PasswordHashIterations = 600_000;

    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IdentityBuilder AddJiuzhuIdentity<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.AddDataProtection();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        var builder = services.AddIdentityCore<JiuzhuUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<JiuzhuRole>()
            .AddUserManager<JiuzhuUserManager>()
            .AddEntityFrameworkStores<TContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordStrengthValidator>()
            .AddClaimsPrincipalFactory<JiuzhuClaimsFactory>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ApiClientAdministration>();
        services.AddScoped<ResidentAccounts>();
        return builder;
    }
}
