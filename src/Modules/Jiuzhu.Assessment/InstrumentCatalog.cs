using System.Collections.Concurrent;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment;

/// <summary>A version of an instrument in lists.</summary>
public sealed record InstrumentRow(
    Guid Id, string Code, int Version, string Name, InstrumentStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    string? PublishedBy, Guid ConcurrencyStamp);

/// <summary>A version with its content.</summary>
public sealed record InstrumentVersion(InstrumentRow Row, InstrumentDefinition Definition);

/// <summary>
/// The instruments and their versions. Policy administrators (市/省管理员) edit drafts and publish them; publishing
/// retires the version in force, and a published version never changes. The platform's default instrument is put in
/// place, as version 1, the first time one is needed.
/// </summary>
public sealed class InstrumentCatalog(IAssessmentData data, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    public static readonly string[] Editors = [Roles.RegionalAdmin];

    // Published versions never change, so their parsed content can be shared by every request.
    private static readonly ConcurrentDictionary<Guid, InstrumentDefinition> Published = new();

    private static readonly Error NotFound = Error.NotFound("instrument.not_found", "评估工具版本不存在。");

    /// <summary>The version in force of an instrument; the default instrument is created and published if there is none.</summary>
    public async Task<Instrument> CurrentAsync(string code, CancellationToken ct = default)
    {
        var current = await data.Instruments.AsNoTracking()
            .Where(i => i.Code == code && i.Status == InstrumentStatus.Published)
            .OrderByDescending(i => i.Version)
            .FirstOrDefaultAsync(ct);
        if (current is not null || code != DefaultInstrument.Code)
        {
            return current ?? throw new InvalidOperationException($"No published version of instrument '{code}'.");
        }

        return await EnsureDefaultAsync(ct);
    }

    /// <summary>Creates and publishes version 1 of the default instrument unless the instrument exists.</summary>
    public async Task<Instrument> EnsureDefaultAsync(CancellationToken ct = default)
    {
        var existing = await data.Instruments.AsNoTracking()
            .Where(i => i.Code == DefaultInstrument.Code && i.Status == InstrumentStatus.Published)
            .OrderByDescending(i => i.Version)
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var instrument = new Instrument(DefaultInstrument.Code, 1, DefaultInstrument.Name, DefaultInstrument.Definition, "system", now);
        instrument.Publish("system", now);
        data.Instruments.Add(instrument);
        audit.Record(new AuditEvent("instrument.publish", "instrument", instrument.Id.ToString(), null, AuditOutcome.Success,
            $"发布平台默认评估工具 {instrument.Code} 第 1 版"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request put it in place at the same moment; use theirs.
            data.Instruments.Entry(instrument).State = EntityState.Detached;
            return await data.Instruments.AsNoTracking().SingleAsync(i => i.Code == DefaultInstrument.Code && i.Version == 1, ct);
        }

        return instrument;
    }

    public async Task<Instrument> FindAsync(Guid id, CancellationToken ct = default) =>
        await data.Instruments.AsNoTracking().SingleAsync(i => i.Id == id, ct);

    /// <summary>The content of a version; published ones are parsed once.</summary>
    public async Task<InstrumentDefinition> DefinitionAsync(Guid id, CancellationToken ct = default)
    {
        if (Published.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var instrument = await FindAsync(id, ct);
        var definition = instrument.Parse();
        if (instrument.Status != InstrumentStatus.Draft)
        {
            Published.TryAdd(id, definition);
        }

        return definition;
    }

    public async Task<IReadOnlyList<InstrumentRow>> ListAsync(CancellationToken ct = default)
    {
        await EnsureDefaultAsync(ct);
        var rows = await data.Instruments.AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(i => i.Code).ThenByDescending(i => i.Version).Select(Row)];
    }

    public async Task<Result<InstrumentVersion>> GetAsync(Guid id, CancellationToken ct = default)
    {
        var instrument = await data.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return instrument is null ? NotFound : new InstrumentVersion(Row(instrument), instrument.Parse());
    }

    /// <summary>A new draft version copied from an existing version; at most one draft per instrument.</summary>
    public async Task<Result<InstrumentRow>> NewVersionAsync(Guid fromId, CancellationToken ct = default)
    {
        if (!Editors.Any(actor.IsInRole))
        {
            return Error.Forbidden("instrument.forbidden", "只有市/省管理员可以修改评估工具。");
        }

        var from = await data.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == fromId, ct);
        if (from is null)
        {
            return NotFound;
        }

        var versions = await data.Instruments.AsNoTracking().Where(i => i.Code == from.Code).ToListAsync(ct);
        if (versions.Any(v => v.Status == InstrumentStatus.Draft))
        {
            return Error.Conflict("instrument.draft_exists", "该评估工具已有一个草稿版本，请先编辑或发布它。");
        }

        var next = versions.Max(v => v.Version) + 1;
        var draft = new Instrument(from.Code, next, from.Name, from.Parse(), actor.Name, clock.GetUtcNow());
        data.Instruments.Add(draft);
        audit.Record(new AuditEvent("instrument.new_version", "instrument", draft.Id.ToString(), null, AuditOutcome.Success,
            $"基于第 {from.Version} 版新建 {from.Code} 第 {next} 版草稿"));
        await data.SaveChangesAsync(ct);
        return Row(draft);
    }

    /// <summary>Replaces a draft's name and content; the content is validated in full.</summary>
    public async Task<Result<InstrumentRow>> EditAsync(Guid id, string name, InstrumentDefinition definition, Guid stamp, CancellationToken ct = default)
    {
        if (!Editors.Any(actor.IsInRole))
        {
            return Error.Forbidden("instrument.forbidden", "只有市/省管理员可以修改评估工具。");
        }

        var valid = definition.Validate();
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var instrument = await data.Instruments.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instrument is null)
        {
            return NotFound;
        }

        if (instrument.ConcurrencyStamp != stamp)
        {
            return Error.Conflict("instrument.stale", "评估工具已被他人修改，请刷新后再保存。");
        }

        var edited = instrument.Edit(name, definition, clock.GetUtcNow());
        if (!edited.IsSuccess)
        {
            return edited.Error!;
        }

        audit.Record(new AuditEvent("instrument.edit", "instrument", id.ToString(), null, AuditOutcome.Success,
            $"修改 {instrument.Code} 第 {instrument.Version} 版草稿：{definition.Dimensions.Count} 个维度，{definition.Indicators.Count()} 个指标，k = {definition.K}"));
        return await SaveAsync(instrument, ct);
    }

    /// <summary>Publishes a draft; the version in force until now is retired. Past assessments keep their version.</summary>
    public async Task<Result<InstrumentRow>> PublishAsync(Guid id, Guid stamp, CancellationToken ct = default)
    {
        if (!Editors.Any(actor.IsInRole))
        {
            return Error.Forbidden("instrument.forbidden", "只有市/省管理员可以发布评估工具。");
        }

        var instrument = await data.Instruments.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instrument is null)
        {
            return NotFound;
        }

        if (instrument.ConcurrencyStamp != stamp)
        {
            return Error.Conflict("instrument.stale", "评估工具已被他人修改，请刷新后再操作。");
        }

        var valid = InstrumentDefinition.FromJson(instrument.Definition);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var now = clock.GetUtcNow();
        var published = instrument.Publish(actor.Name, now);
        if (!published.IsSuccess)
        {
            return published.Error!;
        }

        var previous = await data.Instruments.Where(i => i.Code == instrument.Code && i.Status == InstrumentStatus.Published && i.Id != id).ToListAsync(ct);
        foreach (var old in previous)
        {
            old.Retire(now);
        }

        audit.Record(new AuditEvent("instrument.publish", "instrument", id.ToString(), null, AuditOutcome.Success,
            $"发布 {instrument.Code} 第 {instrument.Version} 版{(previous.Count > 0 ? $"，停用第 {string.Join("、", previous.Select(p => p.Version))} 版" : "")}"));
        return await SaveAsync(instrument, ct);
    }

    private async Task<Result<InstrumentRow>> SaveAsync(Instrument instrument, CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("instrument.stale", "评估工具已被他人修改，请刷新后再操作。");
        }

        return Row(instrument);
    }

    private static InstrumentRow Row(Instrument i) =>
        new(i.Id, i.Code, i.Version, i.Name, i.Status, i.UpdatedAt, i.PublishedAt, i.PublishedBy, i.ConcurrencyStamp);
}
