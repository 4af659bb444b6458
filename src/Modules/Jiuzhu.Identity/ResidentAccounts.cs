using System.Security.Cryptography;
using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Identity;

/// <summary>What a resident types to open an account (居民注册).</summary>
public sealed record ResidentSignUp(string? Name, string? Phone, string? IdNumber, string? Password, string? ConfirmPassword);

/// <summary>A resident's own account details, for the resident and for applying in their name; never shown to anyone else.</summary>
public sealed record ResidentProfile(Guid UserId, string UserName, string Name, string Phone, string IdNumber)
{
    public string PhoneMasked => MobileNumber.Mask(Phone);

    /// <summary>Address code and the last four characters, as the registry masks identity numbers.</summary>
    public string IdNumberMasked => IdNumber.Length == 18 ? $"{IdNumber[..6]}********{IdNumber[14..]}" : "****";
}

/// <summary>
/// Resident accounts (居民账号): sign-up with name, mobile number, identity number and password, and finding an account
/// by its mobile number at sign-in. Both numbers are kept only encrypted with a blind index; the login name is random.
/// A resident holds the resident role only and has no jurisdiction.
/// </summary>
public sealed class ResidentAccounts(
    UserManager<JiuzhuUser> users,
    IIdentityData data,
    IFieldProtector protector,
    IIdentityNumberCheck idNumbers,
    IAuditTrail audit,
    TimeProvider clock)
{
    private const string UserNameAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Opens a resident account; a refused sign-up creates nothing.</summary>
    public async Task<Result<Guid>> SignUpAsync(ResidentSignUp request, CancellationToken ct = default)
    {
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 64)
        {
            return Error.Validation("resident.name_required", "请填写姓名（不超过 64 字）。");
        }

        if (MobileNumber.Normalize(request.Phone) is not { } phone)
        {
            return Error.Validation("resident.phone_invalid", "手机号应为 11 位数字，以 1 开头。");
        }

        var idNumber = idNumbers.Normalize(request.IdNumber);
        if (!idNumber.IsSuccess)
        {
            return idNumber.Error!;
        }

        var password = request.Password ?? string.Empty;
        if (password != request.ConfirmPassword)
        {
            return Error.Validation("resident.password_mismatch", "两次输入的密码不一致。");
        }

        if (password.Contains(phone, StringComparison.Ordinal) || password.Contains(idNumber.Value[..17], StringComparison.OrdinalIgnoreCase))
        {
            return Error.Validation("resident.password_weak", "密码不能包含手机号或身份证号。");
        }

        var phoneIndex = protector.BlindIndex(phone);
        var idIndex = protector.BlindIndex(idNumber.Value);
        if (await data.Users.AnyAsync(u => u.PhoneIndex == phoneIndex, ct))
        {
            await RefuseAsync("该手机号已有居民账号", ct);
            return PhoneTaken;
        }

        if (await data.Users.AnyAsync(u => u.IdNumberIndex == idIndex, ct))
        {
            await RefuseAsync("该身份证号已有居民账号", ct);
            return IdNumberTaken;
        }

        var user = JiuzhuUser.Resident(await NewUserNameAsync(), name, phone, idNumber.Value, protector, clock.GetUtcNow());

        // The account, its role and the audit entry are written together or not at all.
        await using var transaction = await data.Database.BeginTransactionAsync(ct);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Someone signed up with the same number a moment earlier: the unique blind indexes caught it.
            return Error.Conflict("resident.taken", "该手机号或身份证号已有居民账号。");
        }

        if (!created.Succeeded)
        {
            return Error.Validation("resident.password_weak", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var role = await users.AddToRoleAsync(user, Roles.Resident);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("The resident role is missing: " + string.Join(" ", role.Errors.Select(e => e.Description)));
        }

        audit.Record(new AuditEvent("resident.sign-up", "user", user.Id.ToString(), null, AuditOutcome.Success,
            $"居民注册：账号 {user.UserName}（{user.DisplayName}）")
        {
            ActorNameOverride = user.UserName,
        });
        await data.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user.Id;
    }

    /// <summary>The resident account with this mobile number, found through its blind index; null when there is none.</summary>
    public async Task<JiuzhuUser?> FindByPhoneAsync(string phone, CancellationToken ct = default)
    {
        if (MobileNumber.Normalize(phone) is not { } normalized)
        {
            return null;
        }

        var index = protector.BlindIndex(normalized);
        var id = await data.Users.Where(u => u.PhoneIndex == index).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await users.FindByIdAsync(found.ToString()) : null;
    }

    /// <summary>A resident's own details with the numbers decrypted; null for staff and unknown accounts.</summary>
    public async Task<ResidentProfile?> ProfileAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await data.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is { PhoneCipher: { } phone, IdNumberCipher: { } id }
            ? new ResidentProfile(user.Id, user.UserName ?? string.Empty, user.DisplayName, protector.Unprotect(phone), protector.Unprotect(id))
            : null;
    }

    private static readonly Error PhoneTaken =
        Error.Conflict("resident.phone_taken", "该手机号已注册居民账号，请直接登录；忘记密码请到村(社区)或乡镇(街道)窗口办理。");

    private static readonly Error IdNumberTaken =
        Error.Conflict("resident.id_taken", "该身份证号已注册居民账号。如不是您本人注册的，请携带身份证到村(社区)或乡镇(街道)窗口办理。");

    // Refusals change nothing but are traced without the numbers: repeated ones may be someone probing whose number is registered.
    private Task RefuseAsync(string why, CancellationToken ct) =>
        audit.WriteNowAsync(new AuditEvent("resident.sign-up", "user", null, null, AuditOutcome.Denied, $"居民注册被拒绝：{why}")
        {
            ActorNameOverride = "anonymous",
        }, ct);

    // "r" and ten base32 characters: says nothing about the person, and never collides with the demo or staff names in practice.
    private async Task<string> NewUserNameAsync()
    {
        while (true)
        {
            var name = "r" + RandomNumberGenerator.GetString(UserNameAlphabet, 10);
            if (await users.FindByNameAsync(name) is null)
            {
                return name;
            }
        }
    }
}
