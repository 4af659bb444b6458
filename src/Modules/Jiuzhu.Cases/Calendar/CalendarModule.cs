using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cases.Calendar;

/// <summary>The working-day calendar and deadline policies of the Cases module.</summary>
public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddOptions<DeadlineOptions>()
            .BindConfiguration(DeadlineOptions.Section)
            .Validate(o => o.DueSoonWorkingDays >= 0 && o.DueSoonFraction is > 0 and < 1,
                "Deadlines:DueSoonWorkingDays must be 0 or more and Deadlines:DueSoonFraction between 0 and 1.");
        services.AddSingleton<IWorkingCalendarProvider, WorkingCalendarProvider>();
        services.AddSingleton<DeadlinePolicyProvider>();
        services.AddScoped<DeadlineService>();
        services.AddScoped<CalendarImporter>();
        services.AddScoped<CalendarQueries>();
        services.AddScoped<DeadlinePolicyAdministration>();
        return services;
    }

    /// <summary>Maps /calendar/years…, /calendar/policies… and /calendar/due under the host's API group.</summary>
    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        CalendarEndpoints.Map(api);
        return api;
    }
}
