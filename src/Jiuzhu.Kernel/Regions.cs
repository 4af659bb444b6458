namespace Jiuzhu.Kernel;

/// <summary>Whether a region code names a known division; implemented by the Geo module.</summary>
public interface IRegionLookup
{
    Task<bool> ExistsAsync(RegionCode code, CancellationToken ct = default);

    /// <summary>Display names for codes (missing codes are absent from the result).</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct = default);
}
