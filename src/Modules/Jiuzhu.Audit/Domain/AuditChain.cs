using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jiuzhu.Audit.Domain;

/// <summary>The hash of an entry: SHA-256 over the previous hash and a length-prefixed encoding of every field.</summary>
public static class AuditChain
{
    public static string ComputeHash(AuditEntry e)
    {
        using var buffer = new MemoryStream(512);
        Write(buffer, e.PrevHash);
        Write(buffer, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, e.Id.ToString("N"));
        Write(buffer, e.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(buffer, e.ActorKind);
        Write(buffer, e.ActorId?.ToString("N"));
        Write(buffer, e.ActorName);
        Write(buffer, e.ActorRoles);
        Write(buffer, e.ActorJurisdiction);
        Write(buffer, e.Action);
        Write(buffer, e.EntityType);
        Write(buffer, e.EntityId);
        Write(buffer, e.RegionCode);
        Write(buffer, e.Outcome);
        Write(buffer, e.Summary);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    // A null and an empty string hash differently; lengths prevent two fields from running into each other.
    private static void Write(Stream s, string? value)
    {
        Span<byte> len = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(len, -1);
            s.Write(len);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(len, bytes.Length);
        s.Write(len);
        s.Write(bytes);
    }
}
