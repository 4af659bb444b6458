using Jiuzhu.Matching;
using Jiuzhu.Matching.Files;

namespace Jiuzhu.Bench.Matching;

/// <summary>
/// A county-sized synthetic instance (fixed seed): about 40 × 40 km around 35.75° N 119.25° E (the size of 五莲县),
/// 12 township seats and 560 villages placed at random; households cluster around their settlement (σ 600 m around a
/// seat, 250 m around a village), seats weigh 12 villages and villages vary log-normally in size. Providers sit near
/// settlements too (σ 500 m / 200 m), chosen in proportion to size^0.8 (seats have fewer per head), each offering 1–3 of
/// the 5 items; capacities follow the local demand at 80 % of it overall with ±40 % noise, so capacity binds in
/// places and not in others. Priorities: 15 % red, 30 % yellow, 55 % green.
/// </summary>
internal static class SyntheticCounty
{
    private static readonly string[] Items = ["助餐", "助洁", "助医", "助浴", "精神慰藉"];
    private static readonly double[] ItemShare = [0.35, 0.2, 0.2, 0.1, 0.15];
    private const double MetresPerDegree = GreatCircle.EarthRadiusMetres * Math.PI / 180;

    public static (List<NeedRow> Needs, List<ProviderRow> Providers) Make(int needCount, int providerCount, int seed)
    {
        var random = new Random(seed);
        const int seats = 12, villages = 560;
        var centres = new GeoPoint[seats + villages];
        var weight = new double[centres.Length];
        for (var s = 0; s < centres.Length; s++)
        {
            centres[s] = new GeoPoint(35.75 + ((random.NextDouble() - 0.5) * 0.36), 119.25 + ((random.NextDouble() - 0.5) * 0.44));
            weight[s] = s < seats ? 12 : Math.Exp(0.5 * Gaussian(random));
        }

        var needs = new List<NeedRow>(needCount);
        var demand = new double[centres.Length];
        var bySize = Cumulative(weight);
        var itemPick = Cumulative(ItemShare);
        for (var i = 0; i < needCount; i++)
        {
            var s = Pick(bySize, random);
            demand[s]++;
            var item = Items[Pick(itemPick, random)];
            var u = random.NextDouble();
            var priority = u < 0.15 ? 1 : u < 0.45 ? 2 : 3;
            needs.Add(new NeedRow($"N{i + 1:D6}", Around(centres[s], s < seats ? 600 : 250, random), item, priority));
        }

        var placed = new int[providerCount];
        var providersAt = new int[centres.Length];
        var byProviderShare = Cumulative([.. weight.Select(w => Math.Pow(w, 0.8))]);
        for (var j = 0; j < providerCount; j++)
        {
            placed[j] = Pick(byProviderShare, random);
            providersAt[placed[j]]++;
        }

        var providers = new List<ProviderRow>(providerCount);
        for (var j = 0; j < providerCount; j++)
        {
            var s = placed[j];
            var u = random.NextDouble();
            var count = u < 0.5 ? 1 : u < 0.85 ? 2 : 3;
            var items = new HashSet<string>();
            while (items.Count < count)
            {
                items.Add(Items[Pick(itemPick, random)]);
            }

            var capacity = (int)Math.Round(0.8 * demand[s] / providersAt[s] * (0.6 + (0.8 * random.NextDouble())));
            providers.Add(new ProviderRow($"P{j + 1:D4}", Around(centres[s], s < seats ? 500 : 200, random), [.. items.Order(StringComparer.Ordinal)], Math.Max(1, capacity)));
        }

        return (needs, providers);
    }

    private static GeoPoint Around(GeoPoint centre, double sigmaMetres, Random random)
    {
        var north = Gaussian(random) * sigmaMetres;
        var east = Gaussian(random) * sigmaMetres;
        return new GeoPoint(
            centre.Latitude + (north / MetresPerDegree),
            centre.Longitude + (east / (MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180))));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Cumulative(double[] weights)
    {
        var sums = new double[weights.Length];
        var total = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            sums[k] = total += weights[k];
        }

        return sums;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var at = Array.BinarySearch(cumulative, target);
        return Math.Min(at >= 0 ? at : ~at, cumulative.Length - 1);
    }
}
