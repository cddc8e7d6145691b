namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>Finds fixtures that live beside the repository (shared/datasets) or in it (samples/), from any checkout.</summary>
internal static class AncestorFolder
{
    public static string Find(params string[] relativeParts)
    {
        var relative = Path.Combine(relativeParts);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
