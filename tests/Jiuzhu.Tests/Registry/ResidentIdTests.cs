using System.Text.Json;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Registry;

public sealed class ResidentIdTests
{
    [Fact]
    public void Reference_vectors_are_classified_correctly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors", "resident-id.json")));
        foreach (var v in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            Assert.True(ResidentId.IsValid(v.GetProperty("id").GetString()), v.GetProperty("why").GetString());
        }

        foreach (var v in doc.RootElement.GetProperty("invalid").EnumerateArray())
        {
            Assert.False(ResidentId.IsValid(v.GetProperty("id").GetString()), v.GetProperty("why").GetString());
        }
    }

    [Fact]
    public void Composed_numbers_are_valid_and_carry_birth_date_and_sex()
    {
        var id = ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 123);
        Assert.True(ResidentId.IsValid(id));
        Assert.True(ResidentId.TryBirthDate(id, out var birth));
        Assert.Equal(new DateOnly(1943, 5, 17), birth);
        Assert.Equal(Sex.Male, ResidentId.SexOf(id));
        Assert.Equal(Sex.Female, ResidentId.SexOf(ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 124)));
    }

    [Fact]
    public void A_date_that_does_not_exist_is_invalid()
    {
        var first17 = "37112119430230123";
        Assert.False(ResidentId.IsValid(first17 + ResidentId.CheckCharacter(first17)));
    }

    [Fact]
    public void Masking_keeps_the_address_code_and_last_four_only() =>
        Assert.Equal("110105********002X", ResidentId.Mask("11010519491231002X"));
}
