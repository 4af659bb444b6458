using Microsoft.AspNetCore.Identity;

namespace Jiuzhu.Identity.Domain;

/// <summary>A staff account: one person, one login, one jurisdiction.</summary>
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

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in; its records and history stay.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Created by the demo seed; credentials are public and must never reach production.</summary>
    public bool IsDemo { get; set; }
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
