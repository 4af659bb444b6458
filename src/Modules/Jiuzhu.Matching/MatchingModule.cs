using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Matching;

/// <summary>Needs-to-providers assignment: reach (<see cref="Reach"/>, <see cref="FeasibleEdges"/>) and the optimal matcher (<see cref="Matcher"/>).</summary>
public static class MatchingModule
{
    /// <summary>The core is pure functions over arrays and needs no services yet; database-backed use cases register here.</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services) => services;
}
