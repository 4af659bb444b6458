namespace Jiuzhu.Tests;

/// <summary>Finds the repository root and ../shared/data from it, wherever the tests run.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot(), "..", "shared", "data", .. parts]);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Jiuzhu.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Repository root (Jiuzhu.slnx) not found above " + AppContext.BaseDirectory);
    }
}
