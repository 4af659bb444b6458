using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Domain;

/// <summary>Where a version of an instrument is in its life.</summary>
public enum InstrumentStatus
{
    /// <summary>Being edited; not used for assessments.</summary>
    Draft = 0,

    /// <summary>In force; its content never changes again.</summary>
    Published = 1,

    /// <summary>Replaced by a later published version; past assessments keep pointing at it.</summary>
    Retired = 2,
}

/// <summary>
/// One version of an assessment instrument. A published version is immutable: changing the instrument means a new
/// draft version, published in its turn; past assessments keep the version they were made under, and recomputing them
/// under a new version is an explicit batch.
/// </summary>
public sealed class Instrument
{
    private Instrument()
    {
        Code = Name = Definition = CreatedBy = string.Empty;
    }

    internal Instrument(string code, int version, string name, InstrumentDefinition definition, string createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Code = code;
        Version = version;
        Name = name;
        Definition = definition.ToJson();
        CreatedBy = createdBy;
        CreatedAt = UpdatedAt = now;
        Status = InstrumentStatus.Draft;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    /// <summary>The instrument's code; all its versions share it.</summary>
    public string Code { get; private set; }

    public int Version { get; private set; }

    public string Name { get; private set; }

    public InstrumentStatus Status { get; private set; }

    /// <summary>The <see cref="InstrumentDefinition"/> as JSON.</summary>
    public string Definition { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    public InstrumentDefinition Parse() => InstrumentDefinition.FromJson(Definition).Value;

    internal Result Edit(string name, InstrumentDefinition definition, DateTimeOffset now)
    {
        if (Status != InstrumentStatus.Draft)
        {
            return Error.Conflict("instrument.published", "已发布的版本不能修改。请基于它新建一个版本。");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return Error.Validation("instrument.name", "名称不能为空，且不超过 100 个字。");
        }

        Name = name.Trim();
        Definition = definition.ToJson();
        UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
        return Result.Ok();
    }

    internal Result Publish(string by, DateTimeOffset now)
    {
        if (Status != InstrumentStatus.Draft)
        {
            return Error.Conflict("instrument.not_draft", "只有草稿版本可以发布。");
        }

        Status = InstrumentStatus.Published;
        PublishedAt = UpdatedAt = now;
        PublishedBy = by;
        ConcurrencyStamp = Guid.NewGuid();
        return Result.Ok();
    }

    internal void Retire(DateTimeOffset now)
    {
        Status = InstrumentStatus.Retired;
        UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
    }
}
