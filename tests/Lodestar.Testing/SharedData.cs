namespace Lodestar.Testing;

/// <summary>Finds <c>../shared</c> (beside the repository root, in development and CI) by walking up from the test binaries.</summary>
public static class SharedData
{
    public static string? TryFindDataset(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "datasets", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The dataset folder; fails the test with a clear message when shared/ is not beside the repository.</summary>
    public static string Dataset(string name) =>
        TryFindDataset(name) ?? throw new DirectoryNotFoundException($"shared/datasets/{name} not found above {AppContext.BaseDirectory}; clone the repository beside shared/");

    /// <summary>The repository root (the folder holding Lodestar.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lodestar.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Lodestar.slnx not found above " + AppContext.BaseDirectory);
    }
}
