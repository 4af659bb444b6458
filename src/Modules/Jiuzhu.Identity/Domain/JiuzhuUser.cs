using Jiuzhu.Kernel.Protection;
using Microsoft.AspNetCore.Identity;

namespace Jiuzhu.Identity.Domain;

/// <summary>
/// An account: staff (one person, one login, one jurisdiction) or a resident (居民账号, no jurisdiction, identified by
/// an encrypted phone and identity number).
/// </summary>
public sealed class JiuzhuUser : IdentityUser<Guid>
{
    public JiuzhuUser()
    {
        DisplayName = string.Empty;
        Jurisdiction = string.Empty;
    }

    public JiuzhuUser(string userName, string displayName, string jurisdiction, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        UserName = userName;
        DisplayName = displayName;
        Jurisdiction = jurisdiction;
        CreatedAt = createdAt;
        LockoutEnabled = true;
    }

    /// <summary>The person's name as shown to colleagues (e.g. 王晓梅).</summary>
    public string DisplayName { get; set; }

    /// <summary>12-digit region code of the subtree this user may see and act in.</summary>
    public string Jurisdiction { get; set; }

    /// <summary>For department liaisons: the department they speak for (卫健, 人社, 医保, 残联, 妇联, 教育…).</summary>
    public string? Department { get; set; }

    /// <summary>For provider staff: the service provider (服务机构) the account works for, set when a staff record is linked to it.</summary>
    public Guid? Organization { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in; its records and history stay.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Created by the demo seed; credentials are public and must never reach production.</summary>
    public bool IsDemo { get; set; }

    /// <summary>A resident's mobile number, encrypted (never in Identity's plain PhoneNumber column); null for staff.</summary>
    public string? PhoneCipher { get; private set; }

    /// <summary>Blind index of the mobile number: finds the account at sign-in and keeps one account per number.</summary>
    public string? PhoneIndex { get; private set; }

    /// <summary>A resident's identity number (18 characters), encrypted; null for staff.</summary>
    public string? IdNumberCipher { get; private set; }

    /// <summary>Blind index of the identity number, equal to the registry's index of the same number.</summary>
    public string? IdNumberIndex { get; private set; }

    /// <summary>A resident's account: an opaque login name, no jurisdiction, and the protected numbers it was opened with.</summary>
    public static JiuzhuUser Resident(string userName, string name, string phone, string idNumber, IFieldProtector protector, DateTimeOffset createdAt) =>
        new(userName, name, string.Empty, createdAt)
        {
            PhoneCipher = protector.Protect(phone),
            PhoneIndex = protector.BlindIndex(phone),
            IdNumberCipher = protector.Protect(idNumber),
            IdNumberIndex = protector.BlindIndex(idNumber),
        };
}

/// <summary>A platform role; its name is one of <see cref="Jiuzhu.Kernel.Roles"/>.</summary>
public sealed class JiuzhuRole : IdentityRole<Guid>
{
    public JiuzhuRole()
    {
    }

    public JiuzhuRole(string name)
        : base(name)
    {
        Id = Guid.CreateVersion7();
        NormalizedName = name.ToUpperInvariant();
    }
}
