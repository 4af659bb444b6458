using Jiuzhu.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Jiuzhu.Identity;

/// <summary>
/// Password policy beyond length and digits: at least three of four character classes, not containing
/// the user name, and not one of the passwords most often tried.
/// </summary>
internal sealed class PasswordStrengthValidator : IPasswordValidator<JiuzhuUser>
{
    private static readonly string[] Common =
    [
        "password", "passw0rd", "12345678", "123456789", "1234567890", "qwertyuiop", "1q2w3e4r", "abc123456",
        "admin123", "welcome1", "iloveyou", "11111111", "00000000", "88888888", "woaini1314", "a123456789",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<JiuzhuUser> manager, JiuzhuUser user, string? password)
    {
        var errors = new List<IdentityError>();
        password ??= string.Empty;
        var classes = 0;
        classes += password.Any(char.IsAsciiLetterLower) ? 1 : 0;
        classes += password.Any(char.IsAsciiLetterUpper) ? 1 : 0;
        classes += password.Any(char.IsAsciiDigit) ? 1 : 0;
        classes += password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3)
        {
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = "密码须包含小写字母、大写字母、数字、符号中的至少三类。" });
        }

        if (!string.IsNullOrEmpty(user.UserName) && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含用户名。" });
        }

        var lower = password.ToLowerInvariant();
        if (Common.Any(c => lower.StartsWith(c, StringComparison.Ordinal)))
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "密码过于常见，请换一个。" });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
