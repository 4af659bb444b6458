using System.Security.Cryptography;
using Jiuzhu.Kernel.Protection;

namespace Jiuzhu.Tests.Kernel;

public sealed class ProtectorTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static ProtectionOptions Options(params string[] ids) => new()
    {
        Keys = ids.Select(id => new ProtectionKey { Id = id, Key = NewKey() }).ToList(),
        ActiveKeyId = ids[^1],
        IndexKey = NewKey(),
    };

    [Fact]
    public void Protected_values_round_trip_and_never_contain_the_plaintext()
    {
        var p = new AesGcmFieldProtector(Options("k1"));
        const string id = "37112119430517123X";
        var c1 = p.Protect(id);
        var c2 = p.Protect(id);
        Assert.DoesNotContain(id, c1);
        Assert.NotEqual(c1, c2); // random nonce
        Assert.Equal(id, p.Unprotect(c1));
    }

    [Fact]
    public void The_blind_index_is_stable_for_equal_values_only()
    {
        var p = new AesGcmFieldProtector(Options("k1"));
        Assert.Equal(p.BlindIndex("a"), p.BlindIndex("a"));
        Assert.NotEqual(p.BlindIndex("a"), p.BlindIndex("b"));
    }

    [Fact]
    public void After_rotation_old_values_stay_readable_and_new_ones_use_the_new_key()
    {
        var old = Options("k1");
        var before = new AesGcmFieldProtector(old).Protect("13800138000");
        var rotated = new ProtectionOptions
        {
            Keys = [old.Keys[0], new ProtectionKey { Id = "k2", Key = NewKey() }],
            ActiveKeyId = "k2",
            IndexKey = old.IndexKey,
        };
        var p = new AesGcmFieldProtector(rotated);
        Assert.Equal("13800138000", p.Unprotect(before));
        Assert.StartsWith("v1:k2:", p.Protect("x"));
    }

    [Fact]
    public void Tampered_ciphertext_is_rejected()
    {
        var p = new AesGcmFieldProtector(Options("k1"));
        var c = p.Protect("13800138000");
        var bytes = Convert.FromBase64String(c.Split(':')[2]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect($"v1:k1:{Convert.ToBase64String(bytes)}"));
    }

    [Fact]
    public void Binary_envelopes_round_trip_survive_rotation_and_reject_tampering()
    {
        var old = Options("k1");
        var plain = new byte[] { 1, 2, 3, 250, 0, 7 };
        var before = new AesGcmFieldProtector(old).ProtectBytes(plain);
        Assert.Equal(2 + 2 + 12 + plain.Length + 16, before.Length);
        var rotated = new ProtectionOptions
        {
            Keys = [old.Keys[0], new ProtectionKey { Id = "k2", Key = NewKey() }],
            ActiveKeyId = "k2",
            IndexKey = old.IndexKey,
        };
        var p = new AesGcmFieldProtector(rotated);
        Assert.Equal(plain, p.UnprotectBytes(before));
        var after = p.ProtectBytes(plain);
        Assert.Equal(plain, p.UnprotectBytes(after));
        Assert.NotEqual(after, p.ProtectBytes(plain)); // random nonce
        Assert.Equal("k2"u8.ToArray(), after[2..4]);

        var tampered = (byte[])after.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => p.UnprotectBytes(tampered));
        Assert.ThrowsAny<CryptographicException>(() => p.UnprotectBytes(after[..10]));
        var unknown = (byte[])after.Clone();
        unknown[3] = (byte)'9';
        Assert.ThrowsAny<CryptographicException>(() => p.UnprotectBytes(unknown));
        Assert.ThrowsAny<CryptographicException>(() => new AesGcmFieldProtector(Options("k1")).UnprotectBytes(after));
    }
}
