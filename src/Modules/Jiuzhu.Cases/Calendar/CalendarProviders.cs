using Jiuzhu.Cases.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cases.Calendar;

/// <summary>The working-day calendar of all loaded years, cached so that deadline computations do not read the database each time.</summary>
public interface IWorkingCalendarProvider
{
    ValueTask<WorkingCalendar> GetAsync(CancellationToken ct = default);

    /// <summary>Drops the cached calendar; the importer calls it after every change.</summary>
    void Invalidate();
}

/// <summary>Every stored deadline policy, cached like the calendar.</summary>
public sealed class DeadlinePolicyProvider(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly DatabaseSnapshot<DeadlinePolicySet> _snapshot = new(scopes, clock, async (data, ct) =>
    {
        var rows = await data.DeadlinePolicies.AsNoTracking().ToListAsync(ct);
        return new DeadlinePolicySet(rows.Select(p => p.ToRow()));
    });

    public ValueTask<DeadlinePolicySet> GetAsync(CancellationToken ct = default) => _snapshot.GetAsync(ct);

    public void Invalidate() => _snapshot.Invalidate();
}

internal sealed class WorkingCalendarProvider(IServiceScopeFactory scopes, TimeProvider clock) : IWorkingCalendarProvider
{
    private readonly DatabaseSnapshot<WorkingCalendar> _snapshot = new(scopes, clock, async (data, ct) =>
    {
        var years = await data.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var days = await data.CalendarDays.AsNoTracking().Select(d => new CalendarEntry(d.Date, d.Kind, d.Name)).ToListAsync(ct);
        return new WorkingCalendar(years, days);
    });

    public ValueTask<WorkingCalendar> GetAsync(CancellationToken ct = default) => _snapshot.GetAsync(ct);

    public void Invalidate() => _snapshot.Invalidate();
}

/// <summary>
/// A value read from the database and kept for a few minutes. Changes made through this process invalidate it at
/// once; changes made by another process (the command line, a second web host) are seen when it expires.
/// </summary>
internal sealed class DatabaseSnapshot<T>(IServiceScopeFactory scopes, TimeProvider clock, Func<ICalendarData, CancellationToken, Task<T>> load)
    where T : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _entry;
    private long _generation;

    public async ValueTask<T> GetAsync(CancellationToken ct)
    {
        if (Fresh(Volatile.Read(ref _entry)) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(Volatile.Read(ref _entry)) is { } loaded)
            {
                return loaded;
            }

            var generation = Interlocked.Read(ref _generation);
            T value;
            await using (var scope = scopes.CreateAsyncScope())
            {
                // Platform data read for everyone, whoever happens to trigger the load.
                scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = FixedActor.System("calendar-cache");
                value = await load(scope.ServiceProvider.GetRequiredService<ICalendarData>(), ct);
            }

            // A change committed while this was loading may be missing from it: use it once, do not keep it.
            if (generation == Interlocked.Read(ref _generation))
            {
                Volatile.Write(ref _entry, new Entry(value, clock.GetUtcNow() + Lifetime));
            }

            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }

    private T? Fresh(Entry? entry) => entry is not null && clock.GetUtcNow() < entry.Expires ? entry.Value : null;

    private sealed record Entry(T Value, DateTimeOffset Expires);
}
