using System.Security.Cryptography;
using System.Text;
using Jiuzhu.Kernel;

namespace Jiuzhu.Identity.Domain;

/// <summary>
/// A department system that calls the API with a key (部门系统接入). The key is shown once; only its
/// SHA-256 hash is stored. Keys are scoped to one department and one jurisdiction, and can be revoked.
/// </summary>
public sealed class ApiClient : IRegionScoped
{
    public const string KeyPrefix = "jzk_";

    private ApiClient()
    {
        Name = Department = RegionCode = KeyId = SecretHash = CreatedBy = string.Empty;
    }

    private ApiClient(string name, string department, RegionCode jurisdiction, string keyId, string secretHash, string createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Name = name;
        Department = department;
        RegionCode = jurisdiction.Value;
        KeyId = keyId;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Department { get; private set; }

    /// <summary>The jurisdiction: the client sees and acts only inside this region's subtree.</summary>
    public string RegionCode { get; private set; }

    /// <summary>The public part of the key, used to find the client; not secret.</summary>
    public string KeyId { get; private set; }

    public string SecretHash { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Creates a client and returns the full key, which is never stored and cannot be shown again.</summary>
    public static (ApiClient Client, string Key) Issue(string name, string department, RegionCode jurisdiction, string createdBy, DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient(name, department, jurisdiction, keyId, HashSecret(secret), createdBy, now);
        return (client, $"{KeyPrefix}{keyId}_{secret}");
    }

    /// <summary>Splits a presented key into its id and secret; false when it is not of our form.</summary>
    public static bool TryParseKey(string? key, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (key is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(KeyPrefix.Length);
        var sep = rest.IndexOf('_');
        if (sep != 12 || rest.Length < sep + 20)
        {
            return false;
        }

        keyId = rest[..sep].ToString();
        secret = rest[(sep + 1)..].ToString();
        return true;
    }

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(SecretHash), Convert.FromHexString(HashSecret(secret)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;

    // The secret has 256 bits of entropy, so a fast hash is enough; a slow one would only slow every API call.
    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
