namespace Jiuzhu.Matching;

/// <summary>Why a need was left without a resource.</summary>
public enum UnassignedReason
{
    /// <summary>The need was assigned.</summary>
    None = 0,

    /// <summary>No resource that offers the item is within reach (附近没有提供该项目的服务机构).</summary>
    NoResourceInReach = 1,

    /// <summary>Resources are within reach but their capacity went to needs of equal or higher priority (附近服务能力已满).</summary>
    CapacityFull = 2,
}

/// <summary>How many needs of one priority there were and how many were assigned.</summary>
public readonly record struct PriorityCount(int Needs, int Assigned);

/// <summary>An optimal assignment: the most priority-1 needs served, then priority 2, then 3, then the least total distance.</summary>
public sealed class MatchingResult
{
    private readonly int[] _resource;
    private readonly long[] _millimetres;
    private readonly UnassignedReason[] _reasons;
    private readonly PriorityCount[] _byPriority;

    internal MatchingResult(int[] resource, long[] millimetres, UnassignedReason[] reasons, ReadOnlySpan<byte> priorities, int components, int trivialComponents, int uncontested)
    {
        _resource = resource;
        _millimetres = millimetres;
        _reasons = reasons;
        Components = components;
        TrivialComponents = trivialComponents;
        Uncontested = uncontested;
        var needs = new int[MatchingProblem.LowestPriority + 1];
        var assigned = new int[MatchingProblem.LowestPriority + 1];
        for (var i = 0; i < resource.Length; i++)
        {
            needs[priorities[i]]++;
            if (resource[i] >= 0)
            {
                assigned[priorities[i]]++;
                Assigned++;
                TotalMillimetres += millimetres[i];
            }
        }

        _byPriority = [.. Enumerable.Range(0, MatchingProblem.LowestPriority + 1).Select(p => new PriorityCount(needs[p], assigned[p]))];
    }

    public int NeedCount => _resource.Length;

    public int Assigned { get; }

    public int Unassigned => NeedCount - Assigned;

    /// <summary>Sum of the assigned needs' distances, in millimetres.</summary>
    public long TotalMillimetres { get; }

    /// <summary>Connected parts of the feasible graph, solved independently.</summary>
    public int Components { get; }

    /// <summary>Parts where every need's nearest resource had room, solved without search.</summary>
    public int TrivialComponents { get; }

    /// <summary>Needs placed before any search: their nearest resource could take every open need that reaches it.</summary>
    public int Uncontested { get; }

    /// <summary>The resource the need is assigned to, or -1.</summary>
    public int ResourceOf(int need) => _resource[need];

    /// <summary>The assigned need's distance in millimetres (0 when unassigned).</summary>
    public long MillimetresOf(int need) => _millimetres[need];

    public UnassignedReason ReasonOf(int need) => _reasons[need];

    /// <summary>Needs and assigned needs of priority 1, 2 or 3.</summary>
    public PriorityCount ByPriority(int priority) => _byPriority[priority];
}
