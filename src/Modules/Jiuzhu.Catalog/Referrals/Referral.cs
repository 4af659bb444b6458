using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Referrals;

/// <summary>Where a referral stands.</summary>
public enum ReferralStatus
{
    /// <summary>已转介: waiting for the department to accept or decline.</summary>
    Sent = 1,

    /// <summary>已接收: the department takes the need on.</summary>
    Accepted = 2,

    /// <summary>已退回: the department declined, with its reason.</summary>
    Declined = 3,

    /// <summary>已办结: the department recorded the outcome.</summary>
    Completed = 4,
}

/// <summary>
/// A household's need that the function-division list gives to another department (职能划分清单): sent to that
/// department instead of becoming a service order, with a deadline for its answer, accepted or declined with a reason,
/// and closed with an outcome.
/// </summary>
public sealed class Referral : IRegionScoped
{
    public const int MaxText = 1000;

    private Referral()
    {
        RegionCode = Key = Name = Department = Rule = Reason = CreatedBy = string.Empty;
    }

    public Referral(
        Guid householdId, string regionCode, Guid? caseId, string key, string name, string department, string rule, string reason, DateTimeOffset dueAt,
        string createdBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        HouseholdId = householdId;
        RegionCode = regionCode;
        CaseId = caseId;
        Key = key;
        Name = name;
        Department = department;
        Rule = rule;
        Reason = reason;
        DueAt = dueAt;
        CreatedBy = createdBy;
        CreatedAt = now;
        Status = ReferralStatus.Sent;
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public Guid? CaseId { get; private set; }

    /// <summary>The function-division code or catalog item code referred.</summary>
    public string Key { get; private set; }

    public string Name { get; private set; }

    /// <summary>The owner department (a <see cref="Departments"/> code).</summary>
    public string Department { get; private set; }

    /// <summary>Why that department owns it, from the function-division list.</summary>
    public string Rule { get; private set; }

    /// <summary>The worker's account of the need.</summary>
    public string Reason { get; private set; }

    public ReferralStatus Status { get; private set; }

    /// <summary>When the department's answer (accept or decline) is due.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public string? DeclineReason { get; private set; }

    public string? Outcome { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public Guid Version { get; private set; }

    public Result Accept(string by, DateTimeOffset now)
    {
        if (Status != ReferralStatus.Sent)
        {
            return Error.Conflict("referral.not_open", "转介已答复，不能再接收。");
        }

        (Status, AnsweredBy, AnsweredAt, Version) = (ReferralStatus.Accepted, by, now, Guid.NewGuid());
        return Result.Ok();
    }

    public Result Decline(string by, string? reason, DateTimeOffset now)
    {
        if (Status != ReferralStatus.Sent)
        {
            return Error.Conflict("referral.not_open", "转介已答复，不能再退回。");
        }

        if (Text(reason, "referral.decline_reason_required", "退回须说明理由。") is { } error)
        {
            return error;
        }

        (Status, AnsweredBy, AnsweredAt, DeclineReason, Version) = (ReferralStatus.Declined, by, now, reason!.Trim(), Guid.NewGuid());
        return Result.Ok();
    }

    public Result Complete(string by, string? outcome, DateTimeOffset now)
    {
        if (Status != ReferralStatus.Accepted)
        {
            return Error.Conflict("referral.not_accepted", "只有已接收的转介才能办结。");
        }

        if (Text(outcome, "referral.outcome_required", "办结须填写办理结果。") is { } error)
        {
            return error;
        }

        (Status, Outcome, CompletedAt, Version) = (ReferralStatus.Completed, outcome!.Trim(), now, Guid.NewGuid());
        return Result.Ok();
    }

    internal static Error? Text(string? text, string code, string message) =>
        string.IsNullOrWhiteSpace(text) ? Error.Validation(code, message)
        : text.Trim().Length > MaxText ? Error.Validation("referral.text_too_long", $"说明不能超过 {MaxText} 字。")
        : null;

    public static string StatusName(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "待答复",
        ReferralStatus.Accepted => "已接收",
        ReferralStatus.Declined => "已退回",
        ReferralStatus.Completed => "已办结",
        _ => status.ToString(),
    };
}
