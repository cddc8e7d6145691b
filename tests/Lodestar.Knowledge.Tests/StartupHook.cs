using Lodestar.Knowledge.Tests.Vectors;

/// <summary>
/// Lets a test start this assembly as a child process (`dotnet exec` with DOTNET_STARTUP_HOOKS pointing here) that
/// runs a workload instead of the test host; without the variable it does nothing.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var directory = Environment.GetEnvironmentVariable(CrashChild.DirectoryVariable);
        if (directory is not null)
        {
            CrashChild.Run(directory);
        }
    }
}
