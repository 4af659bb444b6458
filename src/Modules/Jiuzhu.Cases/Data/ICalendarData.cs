using Jiuzhu.Cases.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Cases.Data;

/// <summary>The data of the working-day calendar and deadline policies; implemented by the composed database context.</summary>
public interface ICalendarData
{
    DbSet<CalendarYear> CalendarYears { get; }

    DbSet<CalendarDay> CalendarDays { get; }

    DbSet<DeadlinePolicy> DeadlinePolicies { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
