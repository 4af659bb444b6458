using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Identity;

/// <summary>
/// Carries a refused sign-up back to the form across the redirect: the Chinese message and the name and phone to
/// fill in again. It travels in a short-lived, encrypted cookie because the message may quote part of the identity
/// number (a birth date, a wrong character), and personal numbers never go into a URL. The identity number and the
/// passwords are not carried back; the resident types them again.
/// </summary>
public static class SignUpForm
{
    public const string Path = "/account/register";

    private const string CookieName = "jiuzhu.signup";
    private const string Purpose = "Jiuzhu.Identity.SignUpForm.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>What the form shows after a refusal; <see cref="Code"/> is also in the URL, so a stale cookie is ignored.</summary>
    public sealed record Refusal(string Code, string Message, string? Name, string? Phone);

    internal static void Keep(HttpContext http, Refusal refusal)
    {
        var sealedValue = Protector(http).Protect(JsonSerializer.Serialize(refusal), Lifetime);
        http.Response.Cookies.Append(CookieName, sealedValue, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Reads and removes the refusal kept for this form; null when there is none, it expired, or it is not for <paramref name="code"/>.</summary>
    public static Refusal? Take(HttpContext http, string? code)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(code))
        {
            return null;
        }

        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = Path });
        try
        {
            var refusal = JsonSerializer.Deserialize<Refusal>(Protector(http).Unprotect(value));
            return refusal?.Code == code ? refusal : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
