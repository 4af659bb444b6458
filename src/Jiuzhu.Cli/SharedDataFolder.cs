namespace Jiuzhu.Cli.Demo;

/// <summary>Finds the national division files (../shared/data/divisions) when no folder is configured.</summary>
internal static class DivisionsFolder
{
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "divisions"), Path.Combine(dir.FullName, "..", "shared", "data", "divisions") })
                {
                    if (File.Exists(Path.Combine(candidate, "areas.csv")))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        return null;
    }
}
