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

    /// <summary>The plaintext as UTF-8 bytes, for callers that parse it (no string in between).</summary>
    byte[] UnprotectUtf8(string ciphertext) => Encoding.UTF8.GetBytes(Unprotect(ciphertext));

    /// <summary>
    /// Encrypts bytes into a compact binary envelope (no text encoding), for values read in bulk: format byte, key id,
    /// nonce, ciphertext and tag.
    /// </summary>
    byte[] ProtectBytes(ReadOnlySpan<byte> plaintext);

    /// <summary>Decrypts an envelope written by <see cref="ProtectBytes"/>, under whichever key of the ring it names.</summary>
    byte[] UnprotectBytes(ReadOnlySpan<byte> envelope);

    /// <summary>A keyed hash of the normalised value; equal inputs give equal indexes, nothing else can be learned.</summary>
    string BlindIndex(string normalizedValue);

    /// <summary>
    /// A keyed 64-bit hash of bytes (HMAC-SHA256 under a key derived from the index key, truncated), to tell whether
    /// a stored result changed without storing or decrypting the result itself; nothing can be learned from it.
    /// </summary>
    long KeyedHash64(ReadOnlySpan<byte> data);
}

/// <summary>AES-GCM implementation of <see cref="IFieldProtector"/>.</summary>
public sealed class AesGcmFieldProtector : IFieldProtector
{
    private const string Version = "v1";
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _activeKeyIdBytes;
    private readonly byte[] _stampKey;
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
        _activeKeyIdBytes = Encoding.ASCII.GetBytes(_activeKeyId);
        // A key of its own for result stamps, so they can never be compared with blind indexes.
        _stampKey = HMACSHA256.HashData(_indexKey, "jiuzhu-result-stamp-v1"u8);
        if (_activeKeyIdBytes.Length > byte.MaxValue)
        {
            throw new InvalidOperationException("Protection key ids are at most 255 characters.");
        }
    }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var packed = new byte[nonceSize + plain.Length + tagSize];
        var nonce = packed.AsSpan(0, nonceSize);
        RandomNumberGenerator.Fill(nonce);
        Cipher(_activeKeyId).Encrypt(nonce, plain, packed.AsSpan(nonceSize, plain.Length), packed.AsSpan(nonceSize + plain.Length), AssociatedData(_activeKeyId));
        return $"{Version}:{_activeKeyId}:{Convert.ToBase64String(packed)}";
    }

    public string Unprotect(string ciphertext) => Encoding.UTF8.GetString(UnprotectUtf8(ciphertext));

    public byte[] UnprotectUtf8(string ciphertext)
    {
        var parts = ciphertext.Split(':');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("Unknown protected-value format.");
        }

        if (!_keys.ContainsKey(parts[1]))
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
        Cipher(parts[1]).Decrypt(nonce, cipher, tag, plain, AssociatedData(parts[1]));
        return plain;
    }

    private const byte BinaryFormat = 1;

    public byte[] ProtectBytes(ReadOnlySpan<byte> plaintext)
    {
        var keyId = _activeKeyIdBytes;
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var head = 2 + keyId.Length;
        var envelope = new byte[head + nonceSize + plaintext.Length + tagSize];
        envelope[0] = BinaryFormat;
        envelope[1] = checked((byte)keyId.Length);
        keyId.CopyTo(envelope.AsSpan(2));
        var nonce = envelope.AsSpan(head, nonceSize);
        RandomNumberGenerator.Fill(nonce);
        Cipher(_activeKeyId).Encrypt(nonce, plaintext, envelope.AsSpan(head + nonceSize, plaintext.Length), envelope.AsSpan(head + nonceSize + plaintext.Length),
            AssociatedData(_activeKeyId));
        return envelope;
    }

    public byte[] UnprotectBytes(ReadOnlySpan<byte> envelope)
    {
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (envelope.Length < 2 || envelope[0] != BinaryFormat || envelope.Length < 2 + envelope[1] + nonceSize + tagSize)
        {
            throw new CryptographicException("Unknown protected-value format.");
        }

        var head = 2 + envelope[1];
        var id = envelope.Slice(2, envelope[1]);
        var keyId = id.SequenceEqual(_activeKeyIdBytes) ? _activeKeyId : System.Text.Encoding.ASCII.GetString(id);
        if (!_keys.ContainsKey(keyId))
        {
            throw new CryptographicException($"Protection key '{keyId}' is not in the key ring.");
        }

        var length = envelope.Length - head - nonceSize - tagSize;
        var plain = new byte[length];
        Cipher(keyId).Decrypt(envelope.Slice(head, nonceSize), envelope.Slice(head + nonceSize, length), envelope[^tagSize..], plain, AssociatedData(keyId));
        return plain;
    }

    // An AesGcm instance holds the expanded key; creating one per value dominated bulk work. Instances are not
    // thread-safe, so each thread keeps its own per key (threads and keys are few).
    [ThreadStatic]
    private static Dictionary<(AesGcmFieldProtector, string), AesGcm>? _ciphers;

    private AesGcm Cipher(string keyId)
    {
        _ciphers ??= [];
        if (!_ciphers.TryGetValue((this, keyId), out var cipher))
        {
            cipher = new AesGcm(_keys[keyId], AesGcm.TagByteSizes.MaxSize);
            _ciphers[(this, keyId)] = cipher;
        }

        return cipher;
    }

    public long KeyedHash64(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_stampKey, data, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    public string BlindIndex(string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(normalizedValue)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Associated = new(StringComparer.Ordinal);

    private static byte[] AssociatedData(string keyId) => Associated.GetOrAdd(keyId, id => Encoding.ASCII.GetBytes($"jiuzhu-pd-{Version}-{id}"));

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
