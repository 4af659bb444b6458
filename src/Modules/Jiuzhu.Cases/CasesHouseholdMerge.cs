using Jiuzhu.Cases.Data;
using Jiuzhu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Cases;

/// <summary>When two households are merged, their cases follow into the household that remains.</summary>
internal sealed class CasesHouseholdMerge(ICasesData data) : IHouseholdMergeParticipant
{
    public Task MoveAsync(Guid fromHouseholdId, Guid intoHouseholdId, string intoRegionCode, CancellationToken ct) =>
        data.Cases.Where(c => c.HouseholdId == fromHouseholdId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.HouseholdId, intoHouseholdId).SetProperty(c => c.RegionCode, intoRegionCode), ct);
}
