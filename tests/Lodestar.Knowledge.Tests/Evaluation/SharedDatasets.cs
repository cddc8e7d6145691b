namespace Lodestar.Knowledge.Tests.Evaluation;

/// <summary>Finds the read-only shared datasets folder (../shared next to the repository) by walking up from the test binaries.</summary>
internal static class SharedDatasets
{
    public static string SciFact => Locate(Path.Combine("datasets", "scifact"));

    private static string Locate(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No ancestor of {AppContext.BaseDirectory} has shared/{relative}.");
    }
}
