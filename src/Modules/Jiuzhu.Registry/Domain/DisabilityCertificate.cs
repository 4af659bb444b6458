using System.Text.Json;

namespace Jiuzhu.Registry.Domain;

/// <summary>Categories of disability on the certificate (残疾类别).</summary>
public enum DisabilityCategory
{
    Visual = 1,        // 视力残疾
    Hearing = 2,       // 听力残疾
    Speech = 3,        // 言语残疾
    Physical = 4,      // 肢体残疾
    Intellectual = 5,  // 智力残疾
    Mental = 6,        // 精神残疾
    Multiple = 7,      // 多重残疾
}

/// <summary>A disability certificate (残疾人证): category, level 1 (most severe) to 4, and its number.</summary>
public sealed record DisabilityCertificate(DisabilityCategory Category, int Level, string? Number)
{
    public static Kernel.Error? Check(DisabilityCategory category, int level, string? number)
    {
        if (!Enum.IsDefined(category))
        {
            return Kernel.Error.Validation("registry.disability_category", "残疾类别无效。");
        }

        if (level is < 1 or > 4)
        {
            return Kernel.Error.Validation("registry.disability_level", "残疾等级应为一级至四级。");
        }

        if (number is { Length: > 30 })
        {
            return Kernel.Error.Validation("registry.disability_number", "残疾证号不超过 30 个字符。");
        }

        return null;
    }

    internal string Serialize() => JsonSerializer.Serialize(this);

    internal static DisabilityCertificate Deserialize(string json) =>
        JsonSerializer.Deserialize<DisabilityCertificate>(json) ?? throw new InvalidOperationException("Empty disability record.");
}
