using System.Security.Cryptography;
using System.Text;

namespace Jiuzhu.Kernel.Protection;

/// <summary>One data-encryption key of the key ring.</summary>
public sealed class ProtectionKey
{
    /// <summary>Short identifier written into every ciphertext, so old data stays readable after rotation.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>32 bytes, base64.</summary>
    public string Key { get; set; } = string.Empty;
}

/// <summary>Configuration section "Protection".</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    /// <summary>Key ring; <see cref="ActiveKeyId"/> encrypts, all of them decrypt.</summary>
    public List<ProtectionKey> Keys { get; set; } = [];

    public string ActiveKeyId { get; set; } = string.Empty;

    /// <summary>HMAC key (32 bytes, base64) of the blind index used for exact lookups.</summary>
    public string IndexKey { get; set; } = string.Empty;

    /// <summary>Set on the demo keys shipped in the repository; refused outside demo mode.</summary>
    public bool KeysAreDemoOnly { get; set; }
}

/// <summary>
/// Field-level protection of personal data (PIPL sensitive information): AES-256-GCM encryption
/// with a rotatable key ring, and an HMAC-SHA256 blind index for exact-match search.
/// </summary>
public interface IFieldProtector
{
    string Protect(string plaintext);

    string Unprotect(string ciphertext);

    /// <summary>A keyed hash of the normalised value; equal inputs give equal indexes, nothing else can be learned.</summary>
    string BlindIndex(string normalizedValue);
}

/// <summary>AES-GCM implementation of <see cref="IFieldProtector"/>.</summary>
public sealed class AesGcmFieldProtector : IFieldProtector
{
    private const string Version = "v1";
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _indexKey;

    public AesGcmFieldProtector(ProtectionOptions options)
    {
        if (options.Keys.Count == 0 || string.IsNullOrWhiteSpace(options.IndexKey))
        {
            throw new InvalidOperationException("Protection keys are not configured (section Protection: Keys, ActiveKeyId, IndexKey).");
        }

        _keys = options.Keys.ToDictionary(k => k.Id, k => DecodeKey(k.Key, $"Protection key '{k.Id}'"), StringComparer.Ordinal);
        _activeKeyId = string.IsNullOrEmpty(options.ActiveKeyId) ? options.Keys[^1].Id : options.ActiveKeyId;
        if (!_keys.ContainsKey(_activeKeyId))
        {
            throw new InvalidOperationException($"Protection:ActiveKeyId '{_activeKeyId}' is not in the key ring.");
        }

        if (_activeKeyId.Contains(':', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Protection key ids may not contain ':'.");
        }

        _indexKey = DecodeKey(options.IndexKey, "Protection:IndexKey");
    }

    public string Protect(string plaintext)
    {
        var key = _keys[_activeKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(_activeKeyId));
        var packed = new byte[nonce.Length + cipher.Length + tag.Length];
        nonce.CopyTo(packed, 0);
        cipher.CopyTo(packed, nonce.Length);
        tag.CopyTo(packed, nonce.Length + cipher.Length);
        return $"{Version}:{_activeKeyId}:{Convert.ToBase64String(packed)}";
    }

    public string Unprotect(string ciphertext)
    {
        var parts = ciphertext.Split(':');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("Unknown protected-value format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"Protection key '{parts[1]}' is not in the key ring.");
        }

        var packed = Convert.FromBase64String(parts[2]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var nonce = packed.AsSpan(0, nonceSize);
        var cipher = packed.AsSpan(nonceSize, packed.Length - nonceSize - tagSize);
        var tag = packed.AsSpan(packed.Length - tagSize);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(parts[1]));
        return Encoding.UTF8.GetString(plain);
    }

    public string BlindIndex(string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(normalizedValue)));

    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes($"jiuzhu-pd-{Version}-{keyId}");

    private static byte[] DecodeKey(string base64, string what)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{what} is not valid base64.");
        }

        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"{what} must be 32 bytes.");
    }
}
