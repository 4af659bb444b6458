namespace Jiuzhu.Kernel;

/// <summary>
/// Checks citizen identity numbers (公民身份号码, GB 11643-1999) for modules below the Registry, which owns the rule and
/// implements this; the Identity module uses it when a resident signs up.
/// </summary>
public interface IIdentityNumberCheck
{
    /// <summary>The 18-character stored form, or why the input is not a valid number (stable code, Chinese message).</summary>
    Result<string> Normalize(string? input);
}
