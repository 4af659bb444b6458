using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Cases.Calendar;

/// <summary>A due instant with the policy that decided it.</summary>
public sealed record DueDeadline(DateTimeOffset DueAt, EffectivePolicy Policy);

/// <summary>
/// Deadlines of case steps: which policy applies, when a step is due and whether it is on track, due soon or overdue.
/// Reads the cached calendar and policies; a computation that needs a year nobody loaded fails with
/// <c>calendar.year_missing</c> instead of guessing.
/// </summary>
public sealed class DeadlineService(
    IWorkingCalendarProvider calendars, DeadlinePolicyProvider policies, IOptions<DeadlineOptions> options, TimeProvider clock)
{
    /// <summary>A snapshot for computing many deadlines at once (an inbox); it throws <see cref="CalendarYearMissingException"/>.</summary>
    public async Task<DeadlineCalculator> CalculatorAsync(CancellationToken ct = default) =>
        new(await calendars.GetAsync(ct), await policies.GetAsync(ct), options.Value);

    /// <summary>When <paramref name="step"/> of a case of <paramref name="caseType"/> in <paramref name="region"/>, started at <paramref name="from"/>, is due (UTC).</summary>
    public async Task<Result<DateTimeOffset>> DueAsync(
        DeadlineStep step, string caseType, RegionCode region, DateTimeOffset from, CancellationToken ct = default)
    {
        var due = await DeadlineAsync(step, caseType, region, from, ct);
        return due.IsSuccess ? due.Value.DueAt : due.Error!;
    }

    /// <summary>Like <see cref="DueAsync"/>, with the policy that decided it.</summary>
    public async Task<Result<DueDeadline>> DeadlineAsync(
        DeadlineStep step, string caseType, RegionCode region, DateTimeOffset from, CancellationToken ct = default)
    {
        if (!CaseTypes.IsKnown(caseType))
        {
            return UnknownCaseType(caseType);
        }

        var calculator = await CalculatorAsync(ct);
        var policy = calculator.Resolve(step, caseType, region);
        try
        {
            return new DueDeadline(policy.Rule.DueFrom(from, calculator.Calendar), policy);
        }
        catch (CalendarYearMissingException ex)
        {
            return ex.ToError();
        }
    }

    /// <summary>Whether a deadline running from <paramref name="start"/> to <paramref name="due"/> is on track, due soon or overdue now.</summary>
    public async Task<Result<DeadlineStatus>> ClassifyAsync(DateTimeOffset start, DateTimeOffset due, DeadlineUnit unit, CancellationToken ct = default)
    {
        var calculator = await CalculatorAsync(ct);
        try
        {
            return calculator.Classify(start, due, unit, clock.GetUtcNow());
        }
        catch (CalendarYearMissingException ex)
        {
            return ex.ToError();
        }
    }

    internal static Error UnknownCaseType(string? caseType) => Error.Validation(
        "deadline.bad_case_type", $"未知的救助类型“{caseType}”，应为 {string.Join("、", CaseTypes.All.Select(t => $"{t}（{CaseTypes.ChineseName(t)}）"))}。");
}
