namespace Jiuzhu.Tests;

/// <summary>Finds ../shared/data from the repository root, wherever the tests run.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Jiuzhu.slnx")))
            {
                return System.IO.Path.Combine([dir.FullName, "..", "shared", "data", .. parts]);
            }
        }

        throw new DirectoryNotFoundException("Repository root (Jiuzhu.slnx) not found above " + AppContext.BaseDirectory);
    }
}
