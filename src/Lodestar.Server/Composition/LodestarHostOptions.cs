namespace Lodestar.Server.Composition;

/// <summary>What a host (server or CLI) must decide before composing Lodestar's services.</summary>
public sealed class LodestarHostOptions
{
    /// <summary>Root of the embedded store (SQLite database and index files).</summary>
    public required string DataDirectory { get; init; }
}
