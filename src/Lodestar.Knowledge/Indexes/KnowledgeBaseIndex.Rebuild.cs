using System.Globalization;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexing;
using Lodestar.Knowledge.Settings;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Indexes;

/// <summary>Rebuilds: BM25 with new analyzer settings, vectors with a new embedding model, and the change-log replay both use.</summary>
internal sealed partial class KnowledgeBaseIndex
{
    private const int ChangeBatch = 2_000;
    private const string GenerationPrefix = "vectors-";
    private const string LexicalPrefix = "lexical-";

    private readonly Lock _buildGate = new();
    private Task<string>? _build;
    private VectorGeneration? _building;

    private static readonly TimeSpan RetryFailedBuildAfter = TimeSpan.FromMinutes(1);

    private long _buildFailedAt;

    private bool IsBuilding => _build is { IsCompleted: false };

    /// <summary>"re-embedding with MODEL: done/total chunks", or null when no build runs.</summary>
    public string? BuildProgress => _building is { } building && _state.Build is { } build
        ? string.Create(CultureInfo.InvariantCulture, $"re-embedding with {building.Model}: {Math.Min(build.ChunksDone, build.ChunksTotal)}/{build.ChunksTotal} chunks")
        : null;

    /// <summary>
    /// Starts the re-embedding with the configured model, or joins the one running in this process. The task ends with a
    /// one-line outcome once the new generation serves (or when there was nothing to do).
    /// </summary>
    public Task<string> StartReembedding(IKnowledgeStore store)
    {
        lock (_buildGate)
        {
            if (_build is not { IsCompleted: false })
            {
                _build = Task.Run(() => ReembedAsync(store, _closing.Token));
            }

            return _build;
        }
    }

    /// <summary>A catch-up noticed the model changed: start re-embedding, unless it just failed (an unreachable endpoint is not retried per query).</summary>
    private void StartReembeddingUnlessFailedRecently(IKnowledgeStore store)
    {
        if (_build is { IsFaulted: true } && Environment.TickCount64 - Interlocked.Read(ref _buildFailedAt) < (long)RetryFailedBuildAfter.TotalMilliseconds)
        {
            return;
        }

        _ = StartReembedding(store).ContinueWith(
            task => Interlocked.Exchange(ref _buildFailedAt, Environment.TickCount64), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void WaitForBuild()
    {
        try
        {
            _build?.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Cut short by closing (or failed): the build resumes from its last commit next time.
        }
    }

    private async Task<string> ReembedAsync(IKnowledgeStore store, CancellationToken cancellationToken)
    {
        if (_configured is not { } embedder)
        {
            return "no embedding model is configured; nothing to re-embed";
        }

        var model = VectorGeneration.ModelOf(embedder);
        if (_serving?.Model == model)
        {
            // Settings went back to the serving model: a half-built generation for another model is no longer wanted.
            if (_state.Build is { } stale)
            {
                UpdateState(state => state with { Build = null });
                DeleteDirectory(stale.Directory);
            }

            return $"vectors already built with {model}";
        }

        var generation = ResumeOrStartBuild(embedder, model);
        _building = generation;
        try
        {
            await ReplayAsync(store, null, long.MaxValue, generation, _state.Build!.Sequence, sequence => CommitBuild(generation, sequence), cancellationToken).ConfigureAwait(false);
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Under the writer lock no catch-up runs, so the last changes go in and the switch sees a complete generation.
                await ReplayAsync(store, null, long.MaxValue, generation, _state.Build!.Sequence, sequence => CommitBuild(generation, sequence), cancellationToken).ConfigureAwait(false);
                SwitchTo(generation, _state.Build!.Sequence);
            }
            finally
            {
                _writer.Release();
            }
        }
        catch
        {
            generation.Dispose();
            throw;
        }
        finally
        {
            _building = null;
        }

        return $"vectors re-embedded with {model}";
    }

    private VectorGeneration ResumeOrStartBuild(IEmbeddingGenerator<string, Embedding<float>> embedder, string model)
    {
        if (_state.Build is { } build && build.Model == model && build.Provider == _settings.Embedding && Directory.Exists(Path.Combine(_directory, build.Directory)))
        {
            return new VectorGeneration(_knowledgeBase, Path.Combine(_directory, build.Directory), embedder, build.Provider, build.Dimensions, _options.EmbeddingWindowWords);
        }

        var generation = NewGeneration(embedder, _settings.Embedding);
        var stale = _state.Build;
        UpdateState(state => state with { Build = new VectorBuild(Path.GetFileName(generation.Directory), model, generation.Provider, 0, 0, 0, _lexical.Count) });
        if (stale is not null)
        {
            DeleteDirectory(stale.Directory);
        }

        return generation;
    }

    private void CommitBuild(VectorGeneration generation, long sequence)
    {
        generation.Commit();
        UpdateState(state => state with { Build = state.Build! with { Sequence = sequence, Dimensions = generation.Dimensions, ChunksDone = state.Build.ChunksDone + generation.TakeChunksEmbedded() } });
    }

    /// <summary>Makes <paramref name="generation"/> the serving one: one atomic state write, then the old files go.</summary>
    private void SwitchTo(VectorGeneration generation, long sequence)
    {
        VectorGeneration? old;
        _swap.EnterWriteLock();
        try
        {
            old = _serving;
            _serving = generation;
        }
        finally
        {
            _swap.ExitWriteLock();
        }

        UpdateState(state => state with
        {
            VectorSequence = sequence,
            EmbeddingModel = generation.Model,
            VectorDimensions = generation.Dimensions,
            VectorDirectory = Path.GetFileName(generation.Directory),
            EmbeddingProvider = generation.Provider,
            Build = state.Build?.Directory == Path.GetFileName(generation.Directory) ? null : state.Build,
        });
        if (old is not null && old != generation)
        {
            old.Dispose();
            DeleteDirectory(Path.GetFileName(old.Directory));
        }
    }

    private VectorGeneration NewGeneration(IEmbeddingGenerator<string, Embedding<float>> embedder, EmbeddingProviderSettings? provider) =>
        new(_knowledgeBase, Path.Combine(_directory, GenerationPrefix + NewName()), embedder, provider, 0, _options.EmbeddingWindowWords);

    /// <summary>Reopens BM25 with new k1/b, or rebuilds it beside the serving index when the analyzer changed.</summary>
    private async Task ApplyLexicalSettingsAsync(IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var settings = _settings;
        var currentName = _state.LexicalDirectory ?? LegacyLexicalDirectory;
        if (ServingAnalyzer.Equals(settings.Analyzer))
        {
            if (_bm25 != settings.Bm25)
            {
                // k1 and b only weigh scores at query time, so the same files reopen with the new values.
                SwapLexical(() =>
                {
                    _lexical.Dispose();
                    return OpenLexical(currentName, ServingAnalyzer, settings.Bm25!);
                });
                _bm25 = settings.Bm25!;
            }

            return;
        }

        var name = LexicalPrefix + NewName();
        var fresh = OpenLexical(name, settings.Analyzer!, settings.Bm25!);
        long rebuilt = 0;
        try
        {
            await ReplayAsync(store, fresh, 0, null, long.MaxValue, sequence =>
            {
                fresh.Commit();
                rebuilt = sequence;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            fresh.Dispose();
            DeleteDirectory(name);
            throw;
        }

        var old = _lexical;
        SwapLexical(() => fresh);
        _bm25 = settings.Bm25!;
        UpdateState(state => state with { LexicalDirectory = name, LexicalAnalyzer = settings.Analyzer, LexicalSequence = rebuilt });
        old.Dispose();
        DeleteDirectory(currentName);
    }

    private void SwapLexical(Func<LexicalIndex> next)
    {
        _swap.EnterWriteLock();
        try
        {
            _lexical = next();
        }
        finally
        {
            _swap.ExitWriteLock();
        }
    }

    /// <summary>
    /// Replays changes after each target's sequence into the lexical index and/or a vector generation (null or
    /// <see cref="long.MaxValue"/> skips a target), calling <paramref name="commit"/> after each batch.
    /// </summary>
    private async Task ReplayAsync(IKnowledgeStore store, LexicalIndex? lexical, long lexicalFrom, VectorGeneration? vectors, long vectorFrom, Action<long> commit, CancellationToken cancellationToken)
    {
        lexicalFrom = lexical is null ? long.MaxValue : lexicalFrom;
        vectorFrom = vectors is null ? long.MaxValue : vectorFrom;
        var applied = Math.Min(lexicalFrom, vectorFrom);
        while (applied != long.MaxValue)
        {
            var changes = await store.ReadChangesAsync(_knowledgeBase, applied, ChangeBatch, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                break;
            }

            var lexicalDocuments = changes.Where(c => c.Sequence > lexicalFrom).Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            var vectorDocuments = changes.Where(c => c.Sequence > vectorFrom).Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            foreach (var documentId in lexicalDocuments.Union(vectorDocuments, StringComparer.Ordinal))
            {
                var document = await store.GetDocumentAsync(_knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
                var chunks = document is null ? [] : await store.GetDocumentChunksAsync(_knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
                if (lexicalDocuments.Contains(documentId))
                {
                    lexical!.DeleteDocument(documentId);
                    lexical.Add(chunks.Select(chunk => new LexicalDocument(chunk.Id, documentId, document!.Title, chunk.Text)));
                }

                if (vectorDocuments.Contains(documentId))
                {
                    vectors!.Replace(documentId, document, chunks);
                }
            }

            if (vectors is not null)
            {
                await vectors.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            applied = changes[^1].Sequence;
            commit(applied);
        }
    }

    /// <summary>Generations a crash left behind (built but never switched to, or switched from but not yet deleted).</summary>
    private void DeleteUnreferencedGenerations()
    {
        // The serving directory is kept even when this process cannot use it (e.g. started without an embedding model).
        var keep = new HashSet<string?>([_state.LexicalDirectory ?? LegacyLexicalDirectory, _state.Build?.Directory, ServingVectorDirectory(_state)], StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateDirectories(_directory))
        {
            var name = Path.GetFileName(path);
            if ((name.StartsWith(GenerationPrefix, StringComparison.Ordinal) || name.StartsWith(LexicalPrefix, StringComparison.Ordinal)) && !keep.Contains(name))
            {
                DeleteDirectory(name);
            }
        }
    }

    private void DeleteDirectory(string name)
    {
        var path = Path.Combine(_directory, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string NewName() => DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
}
