using System.Globalization;
using System.Text;
using System.Text.Json;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Cases.Calendar;

/// <summary>A loaded year in API responses.</summary>
public sealed record CalendarYearDto(int Year, string Source, DateTimeOffset LoadedAt, string LoadedBy, int Holidays, int AdjustedWorkingDays);

/// <summary>A holiday or adjusted working day; kind is "holiday" or "adjusted-working-day", date is yyyy-MM-dd.</summary>
public sealed record CalendarDayDto(string Date, string Kind, string? Name);

/// <summary>A stored deadline policy; step and unit as API words (acceptance, working-days…).</summary>
public sealed record DeadlinePolicyDto(Guid Id, string Region, string? RegionName, string Step, string CaseType, int Amount, string Unit, int Version, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static DeadlinePolicyDto From(DeadlinePolicyRow r, string? regionName = null) => new(
        r.Id, r.RegionCode, regionName, DeadlineTerms.Word(r.Step), r.CaseType, r.Rule.Amount, DeadlineTerms.Word(r.Rule.Unit), r.Version, r.UpdatedAt, r.UpdatedBy);
}

/// <summary>The deadline in force for a step and case type; source is null when the national default applies.</summary>
public sealed record PolicyLineDto(string Step, string StepName, string CaseType, string CaseTypeName, int Amount, string Unit, string Text, DeadlinePolicyDto? Source, bool SetHere);

/// <summary>GET /calendar/policies: the deadlines in force in a region, and the policies set below it.</summary>
public sealed record PolicyTableDto(string Region, string? RegionName, bool CanEdit, IReadOnlyList<PolicyLineDto> Lines, IReadOnlyList<DeadlinePolicyDto> Below);

/// <summary>PUT /calendar/policies.</summary>
/// <param name="Version">The version last read (0 for "none yet"); omit it to set regardless.</param>
public sealed record SetPolicyBody(string Region, string Step, string CaseType, int Amount, string Unit, int? Version);

/// <summary>GET /calendar/due: when a step is due, in UTC and as China time, and which policy decided it.</summary>
public sealed record DueDto(DateTimeOffset Due, string DueChinaTime, string Step, string CaseType, int Amount, string Unit, string? SourceRegion);

/// <summary>The calendar and deadline API under /calendar: reads for every account, changes as the services allow.</summary>
internal static class CalendarEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("calendar");
        calendar.MapGet("/years", YearsAsync).WithName("ListCalendarYears");
        calendar.MapGet("/years/{year:int}/days", DaysAsync).WithName("ListCalendarDays");
        calendar.MapPost("/years", ImportAsync).WithName("ImportCalendarYears").Accepts<JsonElement>("application/json");
        calendar.MapGet("/policies", PoliciesAsync).WithName("GetDeadlinePolicies");
        calendar.MapPut("/policies", SetPolicyAsync).WithName("SetDeadlinePolicy");
        calendar.MapDelete("/policies/{id:guid}", RemovePolicyAsync).WithName("RemoveDeadlinePolicy");
        calendar.MapGet("/due", DueAsync).WithName("ComputeDeadline");
    }

    private static async Task<Ok<IReadOnlyList<CalendarYearDto>>> YearsAsync(CalendarQueries queries, CancellationToken ct)
    {
        var years = await queries.YearsAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CalendarYearDto>>(
            years.Select(y => new CalendarYearDto(y.Year, y.Source, y.LoadedAt, y.LoadedBy, y.Holidays, y.AdjustedWorkingDays)).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<CalendarDayDto>>, ProblemHttpResult>> DaysAsync(int year, CalendarQueries queries, CancellationToken ct)
    {
        var days = await queries.DaysAsync(year, ct);
        return days.IsSuccess
            ? TypedResults.Ok<IReadOnlyList<CalendarDayDto>>(days.Value.Select(d => new CalendarDayDto(
                d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DeadlineTerms.Word(d.Kind), d.Name)).ToList())
            : ProblemResults.From(days.Error!);
    }

    // The body is read as text so that malformed JSON gets the importer's message with its line, not a bare 400.
    private static async Task<Results<Ok<CalendarImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, CalendarImporter importer, CancellationToken ct)
    {
        if (request.ContentLength > CalendarFile.MaxBytes)
        {
            return TooLarge();
        }

        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, false));
        var buffer = new char[CalendarFile.MaxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > CalendarFile.MaxBytes)
        {
            return TooLarge();
        }

        return ProblemResults.Respond(await importer.ImportJsonAsync(new string(buffer, 0, read), "接口录入", ct));
    }

    private static async Task<Results<Ok<PolicyTableDto>, ProblemHttpResult>> PoliciesAsync(string? region, DeadlinePolicyAdministration admin, CancellationToken ct)
    {
        var table = await admin.TableAsync(region, ct);
        if (!table.IsSuccess)
        {
            return ProblemResults.From(table.Error!);
        }

        var t = table.Value;
        var lines = t.Lines.Select(l => new PolicyLineDto(
            DeadlineTerms.Word(l.Step), DeadlineTerms.StepName(l.Step), l.CaseType, CaseTypes.ChineseName(l.CaseType),
            l.Rule.Amount, DeadlineTerms.Word(l.Rule.Unit), l.Rule.ToString(),
            l.Source is null ? null : DeadlinePolicyDto.From(l.Source, l.SourceName), l.SetHere)).ToList();
        return TypedResults.Ok(new PolicyTableDto(t.RegionCode, t.RegionName, t.CanEdit, lines, t.Below.Select(b => DeadlinePolicyDto.From(b.Policy, b.RegionName)).ToList()));
    }

    private static async Task<Results<Ok<DeadlinePolicyDto>, ProblemHttpResult>> SetPolicyAsync(SetPolicyBody body, DeadlinePolicyAdministration admin, CancellationToken ct)
    {
        var result = await admin.SetAsync(new SetPolicyRequest(body.Region, body.Step, body.CaseType, body.Amount, body.Unit, body.Version), ct);
        return result.IsSuccess ? TypedResults.Ok(DeadlinePolicyDto.From(result.Value)) : ProblemResults.From(result.Error!);
    }

    private static async Task<Results<Ok<DeadlinePolicyDto>, ProblemHttpResult>> RemovePolicyAsync(Guid id, DeadlinePolicyAdministration admin, CancellationToken ct)
    {
        var result = await admin.RemoveAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(DeadlinePolicyDto.From(result.Value)) : ProblemResults.From(result.Error!);
    }

    private static async Task<Results<Ok<DueDto>, ProblemHttpResult>> DueAsync(
        string? step, string? caseType, string? region, string? from, DeadlineService deadlines, TimeProvider clock, CancellationToken ct)
    {
        if (!DeadlineTerms.TryParse<DeadlineStep>(step, out var parsedStep))
        {
            return ProblemResults.From(Error.Validation("deadline.bad_step", $"未知的办理环节“{step}”。"));
        }

        if (!RegionCode.TryParse(region, out var parsedRegion))
        {
            return ProblemResults.From(Error.Validation("deadline.bad_region", $"“{region}”不是有效的统计用区划代码。"));
        }

        var start = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(from)
            && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start))
        {
            return ProblemResults.From(Error.Validation("deadline.bad_time", $"“{from}”不是有效的时间（ISO 8601，不带时区时按 UTC）。"));
        }

        var due = await deadlines.DeadlineAsync(parsedStep, caseType ?? string.Empty, parsedRegion, start, ct);
        if (!due.IsSuccess)
        {
            return ProblemResults.From(due.Error!);
        }

        var (at, policy) = (due.Value.DueAt, due.Value.Policy);
        return TypedResults.Ok(new DueDto(at, ChinaTime.Format(at), DeadlineTerms.Word(parsedStep), policy.CaseType,
            policy.Rule.Amount, DeadlineTerms.Word(policy.Rule.Unit), policy.Source?.RegionCode));
    }

    private static ProblemHttpResult TooLarge() => ProblemResults.From(Error.Validation(
        CalendarFile.InvalidCode, $"请求内容过大，节假日安排不超过 {CalendarFile.MaxBytes:N0} 字节。"));
}
