using System.Text;
using Jiuzhu.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Jiuzhu.Identity;

/// <summary>What an authenticator app needs to enrol: the shared key, as text and as a QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string OtpAuthUri, string QrSvg);

/// <summary>Prepares TOTP enrolment (RFC 6238, 6 digits, 30 s) for a user.</summary>
public static class TwoFactorEnrolment
{
    public const string Issuer = "Jiuzhu";

    public static async Task<AuthenticatorSetup> PrepareAsync(UserManager<JiuzhuUser> users, JiuzhuUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetup(Group(key), uri, svg);
    }

    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return sb.ToString().TrimEnd().ToLowerInvariant();
    }
}
