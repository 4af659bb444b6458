namespace Jiuzhu.Kernel;

/// <summary>Who is acting: a signed-in person, a department system with an API key, the platform itself, or nobody.</summary>
public enum ActorKind
{
    Anonymous,
    User,
    ApiClient,
    System,
}

/// <summary>The actor of the current request, circuit or command.</summary>
public interface ICurrentActor
{
    ActorKind Kind { get; }

    /// <summary>User id or API client id; null for anonymous and system actors.</summary>
    Guid? Id { get; }

    /// <summary>Login name, API client name, or a label such as "system:cli".</summary>
    string Name { get; }

    IReadOnlyList<string> Roles { get; }

    /// <summary>The region whose subtree this actor may see; null for anonymous and system actors.</summary>
    RegionCode? Jurisdiction { get; }

    /// <summary>The department a liaison or a department system acts for (a <see cref="Departments"/> code); null otherwise.</summary>
    string? Department => null;

    /// <summary>The service provider (服务机构) a provider-staff account works for; null otherwise. Provider staff see only its data.</summary>
    Guid? Organization => null;

    bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The data this actor may see, as a region-code prefix rule.</summary>
    JurisdictionScope Scope => Kind switch
    {
        ActorKind.System => JurisdictionScope.All,
        ActorKind.User or ActorKind.ApiClient when Jurisdiction is { } j => JurisdictionScope.For(j),
        _ => JurisdictionScope.None,
    };
}

/// <summary>What an actor may see: everything, nothing, or the subtree of one region.</summary>
public sealed record JurisdictionScope
{
    /// <summary>A prefix no region code can start with; used so that "nothing" still forms a valid query.</summary>
    public const string NothingPrefix = "#";

    private JurisdictionScope(bool allowsAll, string prefix, RegionCodeRange range)
    {
        AllowsAll = allowsAll;
        Prefix = prefix;
        Range = range;
    }

    public static JurisdictionScope All { get; } = new(true, string.Empty, RegionCodeRange.All);

    public static JurisdictionScope None { get; } = new(false, NothingPrefix, RegionCodeRange.Empty);

    public bool AllowsAll { get; }

    /// <summary>Region codes inside the scope start with this prefix.</summary>
    public string Prefix { get; }

    /// <summary>The same rule as a range of codes, which the databases serve from an index (see <see cref="RegionCodeRange"/>).</summary>
    public RegionCodeRange Range { get; }

    public static JurisdictionScope For(RegionCode region) => new(false, region.Prefix, RegionCodeRange.StartingWith(region.Prefix));

    public bool Permits(RegionCode region) => AllowsAll || region.Value.StartsWith(Prefix, StringComparison.Ordinal);

    public bool Permits(string? regionCode) =>
        AllowsAll || (regionCode is not null && regionCode.StartsWith(Prefix, StringComparison.Ordinal));
}

/// <summary>Records that belong to a place carry its 12-digit region code; jurisdiction filters apply to them centrally.</summary>
public interface IRegionScoped
{
    string RegionCode { get; }
}

/// <summary>An actor fixed at construction, for commands, background jobs and tests.</summary>
public sealed class FixedActor(
    ActorKind kind, Guid? id, string name, IReadOnlyList<string> roles, RegionCode? jurisdiction, string? department = null, Guid? organization = null)
    : ICurrentActor
{
    public static FixedActor System(string label) => new(ActorKind.System, null, label, [], null);

    public static FixedActor Anonymous { get; } = new(ActorKind.Anonymous, null, "anonymous", [], null);

    public ActorKind Kind { get; } = kind;

    public Guid? Id { get; } = id;

    public string Name { get; } = name;

    public IReadOnlyList<string> Roles { get; } = roles;

    public RegionCode? Jurisdiction { get; } = jurisdiction;

    public string? Department { get; } = department;

    public Guid? Organization { get; } = organization;
}

/// <summary>
/// Lets platform work that runs inside a host (start-up seeding, background jobs) act as the system for one
/// service scope, instead of as whoever (or nobody) the host would otherwise see.
/// </summary>
public sealed class ActorOverride
{
    public ICurrentActor? Actor { get; set; }
}
