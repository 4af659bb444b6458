using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Registry;

/// <summary>The registry's identity-number rule (<see cref="ResidentId.Check(string?)"/>) for modules that cannot reference it.</summary>
internal sealed class ResidentIdNumberCheck : IIdentityNumberCheck
{
    public Result<string> Normalize(string? input)
    {
        var check = ResidentId.Check(input);
        return check.Valid ? Result<string>.Ok(check.Normalized!) : Result<string>.Fail(check.Reason!);
    }
}
