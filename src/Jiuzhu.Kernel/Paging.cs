namespace Jiuzhu.Kernel;

/// <summary>A page request; page numbers start at 1, sizes are capped.</summary>
public sealed record PageRequest(int Page = 1, int Size = 20)
{
    public const int MaxSize = 200;

    public int SafePage => Math.Max(1, Page);

    public int SafeSize => Math.Clamp(Size, 1, MaxSize);

    public int Skip => (SafePage - 1) * SafeSize;
}

/// <summary>
/// One page of results with the total count. A search that stops counting at a cap sets <paramref name="TotalIsCapped"/>:
/// then more than <paramref name="Total"/> results match.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int Size, bool TotalIsCapped = false);
