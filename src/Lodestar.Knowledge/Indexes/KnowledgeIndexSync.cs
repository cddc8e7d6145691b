using System.Globalization;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// Brings this node's local indexes of a knowledge base up to date with the store's change log ahead of queries,
/// for hosts that follow the log (several nodes on one shared store), readiness checks and background jobs.
/// </summary>
public sealed class KnowledgeIndexSync
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    private readonly KnowledgeIndexRegistry _indexes;

    internal KnowledgeIndexSync(KnowledgeIndexRegistry indexes) => _indexes = indexes;

    /// <summary>Opens (loading or rebuilding) the knowledge base's indexes and replays the changes they have not applied.</summary>
    public Task CatchUpAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        _indexes.GetCurrentAsync(knowledgeBase, cancellationToken);

    /// <summary>
    /// Builds this node's vectors of the knowledge base with its configured embedding model beside the serving ones
    /// (joining a build already running here), reporting "done/total chunks" lines, and switches search over when complete.
    /// Returns a one-line outcome. Cancelling stops the wait, not the build (it belongs to the node and resumes after a crash).
    /// </summary>
    public async Task<string> ReembedAsync(KnowledgeBaseId knowledgeBase, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var (index, build) = await _indexes.StartReembeddingAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        while (!build.IsCompleted)
        {
            if (index.BuildProgress is { } line)
            {
                progress?.Report(line);
            }

            await Task.WhenAny(build, Task.Delay(ProgressEvery, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var outcome = await build.ConfigureAwait(false);
        progress?.Report(outcome.ToString(CultureInfo.InvariantCulture));
        return outcome;
    }
}
