namespace Jiuzhu.Matching.Files;

/// <summary>
/// Feasible edges for needs and providers with items: a provider can serve a need when it offers the need's item and is
/// within reach. Built per item, so each need's grid lookup sees only the providers of its own item.
/// </summary>
internal static class ItemEdges
{
    public static List<FeasibleEdge> Build(IReadOnlyList<NeedRow> needs, IReadOnlyList<ProviderRow> providers, Reach reach)
    {
        var providersOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var j = 0; j < providers.Count; j++)
        {
            foreach (var item in providers[j].Items)
            {
                if (!providersOf.TryGetValue(item, out var list))
                {
                    providersOf[item] = list = [];
                }

                list.Add(j);
            }
        }

        var edges = new List<FeasibleEdge>();
        foreach (var group in Enumerable.Range(0, needs.Count).GroupBy(i => needs[i].Item, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!providersOf.TryGetValue(group.Key, out var offering))
            {
                continue;
            }

            var needIds = group.ToArray();
            FeasibleEdges.AddWithin(
                edges,
                [.. needIds.Select(i => needs[i].Point)],
                [.. offering.Select(j => providers[j].Point)],
                reach,
                null,
                i => needIds[i],
                j => offering[j]);
        }

        return edges;
    }
}
