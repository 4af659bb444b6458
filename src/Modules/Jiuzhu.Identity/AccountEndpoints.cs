using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Identity;

/// <summary>Form posts of the sign-in pages: password, second factor, enrolment, sign-out and residents' sign-up.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/register", RegisterAsync).AllowAnonymous();
        account.MapPost("/login-2fa", LoginTwoFactorAsync).AllowAnonymous();
        account.MapPost("/setup-2fa", SetupTwoFactorAsync).RequireAuthorization();
        account.MapPost("/logout", LogoutAsync);
        account.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization();
        account.MapPost("/reset-2fa", ResetTwoFactorAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        SignInManager<JiuzhuUser> signIn,
        UserManager<JiuzhuUser> users,
        ResidentAccounts residents,
        IAuditTrail audit)
    {
        var back = IdentityWeb.SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect(LoginUrl("missing", back));
        }

        userName = userName.Trim();

        // Residents sign in with their mobile number, which is stored only encrypted: the blind index finds the account.
        // The audit trail then names the account, never the typed number (masked when no account has it).
        var phone = MobileNumber.Normalize(userName);
        var user = (phone is null ? null : await residents.FindByPhoneAsync(phone)) ?? await users.FindByNameAsync(userName);
        if (phone is not null)
        {
            userName = user?.UserName ?? MobileNumber.Mask(phone);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Success, userName, user, "密码登录成功"));
            // A resident's home is their own applications, not the staff workbench.
            return Results.LocalRedirect(back == "/" && await users.IsInRoleAsync(user!, Roles.Resident) ? ResidentHome : back);
        }

        if (result.RequiresTwoFactor)
        {
            return Results.LocalRedirect($"/account/login-2fa?returnUrl={Uri.EscapeDataString(back)}");
        }

        if (result.IsLockedOut)
        {
            await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Denied, userName, user, "账号已锁定，拒绝登录"));
            return Results.LocalRedirect(LoginUrl("locked", back));
        }

        if (result.IsNotAllowed)
        {
            await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Denied, userName, user, "账号已停用，拒绝登录"));
            return Results.LocalRedirect(LoginUrl("disabled", back));
        }

        await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Failed, userName, user, "用户名或密码错误"));
        return Results.LocalRedirect(LoginUrl("invalid", back));
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] string? name,
        [FromForm] string? phone,
        [FromForm] string? idNumber,
        [FromForm] string? password,
        [FromForm] string? confirm,
        HttpContext http,
        ResidentAccounts residents)
    {
        var result = await residents.SignUpAsync(new ResidentSignUp(name, phone, idNumber, password, confirm), http.RequestAborted);
        if (result.IsSuccess)
        {
            return Results.LocalRedirect($"{IdentityWeb.LoginPath}?done=registered&returnUrl={Uri.EscapeDataString(ResidentHome)}");
        }

        var error = result.Error!;
        SignUpForm.Keep(http, new SignUpForm.Refusal(error.Code, error.Message, name?.Trim(), MobileNumber.Normalize(phone) ?? phone?.Trim()));
        return Results.LocalRedirect($"{SignUpForm.Path}?error={Uri.EscapeDataString(error.Code)}");
    }

    private static async Task<IResult> LoginTwoFactorAsync(
        [FromForm] string? code,
        [FromForm] string? returnUrl,
        SignInManager<JiuzhuUser> signIn,
        IAuditTrail audit)
    {
        var back = IdentityWeb.SafeReturnUrl(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Results.LocalRedirect(LoginUrl("expired", back));
        }

        var clean = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(clean, isPersistent: false, rememberClient: false);
        var name = user.UserName ?? user.Id.ToString();
        if (result.Succeeded)
        {
            await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Success, name, user, "密码与动态口令登录成功"));
            return Results.LocalRedirect(back);
        }

        if (result.IsLockedOut)
        {
            await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login", AuditOutcome.Denied, name, user, "账号已锁定，拒绝登录"));
            return Results.LocalRedirect(LoginUrl("locked", back));
        }

        await audit.WriteNowAsync(IdentityWeb.LoginEvent("auth.login-2fa", AuditOutcome.Failed, name, user, "动态口令错误"));
        return Results.LocalRedirect($"/account/login-2fa?error=code&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static async Task<IResult> SetupTwoFactorAsync(
        [FromForm] string? code,
        HttpContext http,
        SignInManager<JiuzhuUser> signIn,
        UserManager<JiuzhuUser> users,
        IAuditTrail audit)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.LocalRedirect(IdentityWeb.LoginPath);
        }

        var clean = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean);
        if (!valid)
        {
            return Results.LocalRedirect($"{IdentityWeb.TwoFactorSetupPath}?error=code");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteNowAsync(OwnAccountEvent("user.enable-2fa", AuditOutcome.Success, user, "绑定动态口令（TOTP）"));
        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInManager<JiuzhuUser> signIn, IAuditTrail audit)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteNowAsync(new AuditEvent("auth.logout", "user", null, null, AuditOutcome.Success, "退出登录")
            {
                ActorNameOverride = http.User.Identity.Name,
            });
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(IdentityWeb.LoginPath);
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? current,
        [FromForm] string? next,
        [FromForm] string? confirm,
        HttpContext http,
        SignInManager<JiuzhuUser> signIn,
        UserManager<JiuzhuUser> users,
        IAuditTrail audit)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.LocalRedirect(IdentityWeb.LoginPath);
        }

        if (string.IsNullOrEmpty(next) || next != confirm)
        {
            return Results.LocalRedirect($"{ProfilePath}?error=mismatch");
        }

        var result = await users.ChangePasswordAsync(user, current ?? string.Empty, next);
        if (!result.Succeeded)
        {
            await audit.WriteNowAsync(OwnAccountEvent("user.change-password", AuditOutcome.Failed, user, "修改密码失败"));
            var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            return Results.LocalRedirect($"{ProfilePath}?error={(wrongCurrent ? "current" : "policy")}");
        }

        await audit.WriteNowAsync(OwnAccountEvent("user.change-password", AuditOutcome.Success, user, "修改本人密码"));
        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect($"{ProfilePath}?done=password");
    }

    private static async Task<IResult> ResetTwoFactorAsync(
        [FromForm] string? password,
        HttpContext http,
        SignInManager<JiuzhuUser> signIn,
        UserManager<JiuzhuUser> users,
        IAuditTrail audit)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.LocalRedirect(IdentityWeb.LoginPath);
        }

        if (!await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            return Results.LocalRedirect($"{ProfilePath}?error=current");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteNowAsync(OwnAccountEvent("user.reset-2fa", AuditOutcome.Success, user, "重置本人动态口令，须重新绑定"));
        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect(IdentityWeb.TwoFactorSetupPath);
    }

    private const string ProfilePath = "/account/profile";

    /// <summary>Where a resident lands after signing in: their own applications.</summary>
    public const string ResidentHome = "/me";

    // Something a signed-in person did to their own account.
    private static AuditEvent OwnAccountEvent(string action, AuditOutcome outcome, JiuzhuUser user, string summary) =>
        new(action, "user", user.Id.ToString(), user.Jurisdiction, outcome, summary) { ActorNameOverride = user.UserName };

    private static string LoginUrl(string error, string back) =>
        $"{IdentityWeb.LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}";
}
