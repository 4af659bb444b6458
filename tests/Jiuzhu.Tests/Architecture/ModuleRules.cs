using System.Reflection;

namespace Jiuzhu.Tests.Architecture;

/// <summary>
/// The dependency rules of ARCHITECTURE.md, checked over compiled assembly references: the kernel depends on
/// no module, modules never depend on the composition (Data, Web, Cli, migrations), foundation modules
/// depend only on the kernel, and business modules point one way along the chain.
/// </summary>
internal static class ModuleRules
{
    public const string Kernel = "Jiuzhu.Kernel";

    /// <summary>Modules every business module may use.</summary>
    public static readonly string[] Foundation = ["Jiuzhu.Geo", "Jiuzhu.Identity", "Jiuzhu.Audit"];

    /// <summary>Business modules in dependency order: each may use only those before it.</summary>
    public static readonly string[] Chain =
    [
        "Jiuzhu.Registry", "Jiuzhu.Cases", "Jiuzhu.Assessment", "Jiuzhu.Catalog", "Jiuzhu.Providers", "Jiuzhu.Matching", "Jiuzhu.Orders",
    ];

    public static readonly string[] Composition =
    [
        "Jiuzhu.Data", "Jiuzhu.Migrations.Sqlite", "Jiuzhu.Migrations.Postgres", "Jiuzhu.Cli", "jiuzhu",
    ];

    /// <summary>Returns one line per forbidden reference in the given graph.</summary>
    public static List<string> Violations(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var violations = new List<string>();
        foreach (var (assembly, references) in graph)
        {
            foreach (var reference in references.Where(IsOurs))
            {
                if (!Allowed(assembly, reference))
                {
                    violations.Add($"{assembly} -> {reference}");
                }
            }
        }

        return violations;
    }

    /// <summary>The reference graph of our assemblies, read from compiled metadata.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Load(IEnumerable<Assembly> roots)
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>();
        var queue = new Queue<Assembly>(roots);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            var name = assembly.GetName().Name!;
            if (graph.ContainsKey(name) || !IsOurs(name))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(IsOurs).ToList();
            graph[name] = references;
            foreach (var r in references)
            {
                queue.Enqueue(Assembly.Load(r));
            }
        }

        return graph;
    }

    private static bool IsOurs(string name) => name.StartsWith("Jiuzhu.", StringComparison.Ordinal) || name == "jiuzhu";

    private static bool Allowed(string from, string to)
    {
        if (from == Kernel)
        {
            return false;
        }

        if (to == Kernel)
        {
            return true;
        }

        if (Composition.Contains(to))
        {
            // Only the composition may use the composition, and never backwards into the host.
            return from switch
            {
                "jiuzhu" => true,
                "Jiuzhu.Cli" => to == "Jiuzhu.Data",
                "Jiuzhu.Migrations.Sqlite" or "Jiuzhu.Migrations.Postgres" => to == "Jiuzhu.Data",
                _ => false,
            };
        }

        if (Composition.Contains(from))
        {
            return true;
        }

        if (Foundation.Contains(from))
        {
            return false;
        }

        var fromIndex = Array.IndexOf(Chain, from);
        if (fromIndex < 0)
        {
            return false; // an unknown assembly must be placed in the rules before it may depend on anything
        }

        return Foundation.Contains(to) || Array.IndexOf(Chain, to) is var toIndex && toIndex >= 0 && toIndex < fromIndex;
    }
}
