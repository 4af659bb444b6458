using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Cases;

/// <summary>One step of an application's timeline as the applicant sees it: what happened, by which role (never a staff member's name), and why.</summary>
public sealed record ApplicationStep(int Number, CaseAction? Action, CaseStatus To, string ByRole, string? Reason, DateTimeOffset At);

/// <summary>
/// A resident's own application as they see it: where it stands, the notice meant for them (why it was rejected or
/// returned for correction), its timeline, and what they may do now.
/// </summary>
public sealed record ResidentApplication(
    Guid Id,
    string Number,
    string CaseType,
    string Need,
    bool Urgent,
    CaseChannel Channel,
    CaseStatus Status,
    string RegionCode,
    string? PlaceName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    string? Notice,
    string? FoldedIntoNumber,
    Guid Version,
    IReadOnlyList<CaseAction> AllowedActions,
    IReadOnlyList<ApplicationStep> Steps);

/// <summary>
/// The outcome of applying online. When the same need was already being handled, the new application is folded into
/// that one: <see cref="ExistingNumber"/> names it, and <see cref="Existing"/> shows it in full only when the resident
/// submitted it themselves.
/// </summary>
public sealed record ResidentSubmission(ResidentApplication Application, bool FoldedIn, string? ExistingNumber, ResidentApplication? Existing);

/// <summary>A resident's withdrawal or resubmission: the reason or the correction, and the version they saw.</summary>
public sealed record ApplicantActionRequest(string? Reason, Guid Version);

/// <summary>
/// A resident's own applications (网上申请): apply, follow, withdraw and resubmit after a return for correction.
/// Residents have no jurisdiction, so the database context's region filter shows them nothing; every query here goes
/// past it with <c>IgnoreQueryFilters()</c> and is limited instead to the cases this very account submitted
/// (<see cref="Case.SubmittedByUserId"/>). Other cases of the same person stay invisible: an identity number typed at
/// sign-up is not proof of who someone is (docs/adr/0007).
/// </summary>
public sealed class ResidentApplications(
    ICasesData data,
    CaseService cases,
    ResidentAccounts accounts,
    ICurrentActor actor,
    IRegionLookup regions)
{
    private static readonly Error OnlyResidents = Error.Forbidden("resident.only", "只有居民账号可以使用网上申请。");
    private static readonly Error NotFound = Error.NotFound("resident.application_not_found", "申请不存在。");

    public async Task<Result<IReadOnlyList<ResidentApplication>>> ListAsync(CancellationToken ct = default)
    {
        if (Me() is not { } me)
        {
            return OnlyResidents;
        }

        var own = await Own(me).AsNoTracking().Include(c => c.Steps).OrderByDescending(c => c.SubmittedAt).ToListAsync(ct);
        return Result<IReadOnlyList<ResidentApplication>>.Ok(await ViewAsync(own, ct));
    }

    public async Task<Result<ResidentApplication>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (Me() is not { } me)
        {
            return OnlyResidents;
        }

        var found = await Own(me).AsNoTracking().Include(c => c.Steps).FirstOrDefaultAsync(c => c.Id == id, ct);
        return found is null ? NotFound : (await ViewAsync([found], ct))[0];
    }

    /// <summary>Applies in the resident's own name, identity number and phone, as recorded on their account.</summary>
    public async Task<Result<ResidentSubmission>> SubmitAsync(OnlineApplication request, CancellationToken ct = default)
    {
        if (Me() is not { } me || await accounts.ProfileAsync(me, ct) is not { } profile)
        {
            return OnlyResidents;
        }

        var submitted = await cases.SubmitOnlineAsync(profile, request, ct);
        if (!submitted.IsSuccess)
        {
            return submitted.Error!;
        }

        var application = await GetAsync(submitted.Value.Case.Id, ct);
        var original = submitted.Value.DuplicateOf;
        // The application it was folded into is shown in full only if it is the resident's own; otherwise just its number.
        ResidentApplication? existing = null;
        if (original is not null && await GetAsync(original.Id, ct) is { IsSuccess: true } own)
        {
            existing = own.Value;
        }

        return new ResidentSubmission(application.Value, original is not null, original?.Number, existing);
    }

    /// <summary>Withdraws the resident's own application (撤回申请); the reason is required.</summary>
    public Task<Result<ResidentApplication>> WithdrawAsync(Guid id, ApplicantActionRequest request, CancellationToken ct = default) =>
        ActAsync(id, CaseAction.Withdraw, request, ct);

    /// <summary>Sends an application returned for correction (退回补正) back, with what was corrected.</summary>
    public Task<Result<ResidentApplication>> ResubmitAsync(Guid id, ApplicantActionRequest request, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(request.Reason)
            ? Task.FromResult<Result<ResidentApplication>>(Error.Validation("resident.correction_required", "请写明补正了哪些内容。"))
            : ActAsync(id, CaseAction.Resubmit, request, ct);

    private async Task<Result<ResidentApplication>> ActAsync(Guid id, CaseAction action, ApplicantActionRequest request, CancellationToken ct)
    {
        if (Me() is not { } me)
        {
            return OnlyResidents;
        }

        var found = await Own(me).Include(c => c.Steps).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return NotFound;
        }

        // Ownership is settled: for this one case the resident acts as the applicant.
        var moved = await cases.TransitionAsync(found, new TransitionRequest(action, request.Reason, request.Version), new ApplicantActor(actor), ct);
        return moved.IsSuccess ? await GetAsync(id, ct) : moved.Error!;
    }

    private Guid? Me() => actor.IsInRole(Roles.Resident) ? actor.Id : null;

    // The resident sees no region, so the region filter is bypassed; ownership takes its place.
    private IQueryable<Case> Own(Guid me) => data.Cases.IgnoreQueryFilters().Where(c => c.SubmittedByUserId == me);

    private async Task<IReadOnlyList<ResidentApplication>> ViewAsync(IReadOnlyList<Case> own, CancellationToken ct)
    {
        // Place names ("街头镇 东村村民委员会") and the numbers of the applications duplicates were folded into.
        var codes = own.SelectMany(c => new[] { c.RegionCode[..9] + "000", c.RegionCode }).Distinct().ToList();
        var names = await regions.NamesAsync(codes, ct);
        var originals = own.Where(c => c.DuplicateOfId is not null).Select(c => c.DuplicateOfId!.Value).Distinct().ToList();
        var numbers = originals.Count == 0
            ? new Dictionary<Guid, string>()
            : await data.Cases.IgnoreQueryFilters().Where(c => originals.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, ct);

        return own.Select(c => new ResidentApplication(
            c.Id, c.Number, c.CaseType, c.Need, c.Urgent, c.Channel, c.Status, c.RegionCode, PlaceName(c.RegionCode, names),
            c.SubmittedAt, c.UpdatedAt, c.ApplicantNotice,
            c.DuplicateOfId is { } d && numbers.TryGetValue(d, out var n) ? n : null,
            c.Version,
            CaseWorkflow.Allowed(c.Status, [CaseWorkflow.Applicant]).Select(t => t.Action).ToList(),
            c.Steps.OrderBy(s => s.Number).Select(s => new ApplicationStep(s.Number, s.Action, s.To, ByRole(s.ActorRoles), s.Reason, s.At)).ToList()))
            .ToList();
    }

    private static string? PlaceName(string village, IReadOnlyDictionary<string, string> names)
    {
        var parts = new[] { village[..9] + "000", village }.Select(c => names.TryGetValue(c, out var n) ? n : null).OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    // Residents see which role acted (村(社区)救助协理员…), not which member of staff.
    private static string ByRole(string actorRoles)
    {
        var roles = actorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return roles.Contains(Roles.Resident) ? Roles.Resident : roles.FirstOrDefault() ?? "platform";
    }

    /// <summary>The resident with the applicant pseudo-role, for one case whose ownership has been checked.</summary>
    private sealed class ApplicantActor(ICurrentActor resident) : ICurrentActor
    {
        public ActorKind Kind => resident.Kind;

        public Guid? Id => resident.Id;

        public string Name => resident.Name;

        public IReadOnlyList<string> Roles { get; } = [.. resident.Roles, CaseWorkflow.Applicant];

        public RegionCode? Jurisdiction => resident.Jurisdiction;
    }
}
