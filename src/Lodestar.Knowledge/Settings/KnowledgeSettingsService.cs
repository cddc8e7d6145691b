using System.Collections.Concurrent;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// Reads and changes knowledge bases' settings. Effective settings are the saved ones over the host's defaults,
/// cached briefly per node (a change made through another node applies here within <see cref="CacheFor"/>; through
/// this node at once). Saving a different embedding model queues a background re-embedding job.
/// </summary>
public sealed class KnowledgeSettingsService
{
    /// <summary>The durable job that builds a knowledge base's vectors with its newly configured embedding model.</summary>
    public const string ReembedJobType = "knowledge.reembed";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly IKnowledgeBaseSettingsStore _store;
    private readonly KnowledgeOptions _defaults;
    private readonly IAuditLog _audit;
    private readonly IJobQueue? _jobs;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<KnowledgeBaseId, (KnowledgeBaseSettings Settings, long At)> _cache = new();

    internal KnowledgeSettingsService(IKnowledgeBaseSettingsStore store, IOptions<KnowledgeOptions> defaults, IAuditLog audit, IJobQueue? jobs, TimeProvider time)
    {
        _store = store;
        _defaults = defaults.Value;
        _audit = audit;
        _jobs = jobs;
        _time = time;
    }

    public Task<StoredKnowledgeBaseSettings?> GetStoredAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        _store.GetAsync(knowledgeBase, cancellationToken);

    /// <summary>Every section filled in: the knowledge base's own value, else the host default (embedding and chat stay null for "the host's model").</summary>
    public async Task<KnowledgeBaseSettings> GetEffectiveAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        var now = _time.GetTimestamp();
        if (_cache.TryGetValue(knowledgeBase, out var cached) && _time.GetElapsedTime(cached.At, now) < CacheFor)
        {
            return cached.Settings;
        }

        var stored = await _store.GetAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var effective = Resolve(stored?.Settings ?? new KnowledgeBaseSettings());
        _cache[knowledgeBase] = (effective, now);
        return effective;
    }

    /// <summary>
    /// Validates and saves <paramref name="settings"/> (admins only), audits the change, and queues a re-embedding job when
    /// the embedding model changed. Returns the saved settings and the job id, if one was queued.
    /// </summary>
    public async Task<(StoredKnowledgeBaseSettings Saved, string? ReembedJobId)> SetAsync(KnowledgeBaseId knowledgeBase, KnowledgeBaseSettings settings, Principal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw LodestarException.Forbidden("changing knowledge base settings needs the admin role");
        }

        KnowledgeBaseSettingsValidator.Validate(settings);
        var before = await _store.GetAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var saved = await _store.SetAsync(knowledgeBase, settings, actor.UserId, cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(knowledgeBase, out _);
        var embeddingChanged = before?.Settings.Embedding != settings.Embedding;
        string? jobId = null;
        if (embeddingChanged && _jobs is not null && settings.Embedding?.Provider != EmbeddingProviderSettings.None)
        {
            var job = await _jobs.EnqueueAsync(ReembedJobType, knowledgeBase.TenantId, actor.UserId, ReembedPayload(knowledgeBase), cancellationToken).ConfigureAwait(false);
            jobId = job.Id;
        }

        // Names of the changed sections only: settings hold no secrets, but the audit trail needs no values either.
        await _audit.AppendAsync(new AuditEvent(knowledgeBase.TenantId, actor.UserId, "knowledge.settings", knowledgeBase.ToString(), new Dictionary<string, string>
        {
            ["version"] = saved.Version.ToString(CultureInfo.InvariantCulture),
            ["changed"] = string.Join(',', ChangedSections(before?.Settings ?? new KnowledgeBaseSettings(), settings)),
            ["reembedJob"] = jobId ?? string.Empty,
        }), cancellationToken).ConfigureAwait(false);
        return (saved, jobId);
    }

    /// <summary>The payload of a <see cref="ReembedJobType"/> job: the knowledge base's name (its tenant is the job's).</summary>
    public static string ReembedPayload(KnowledgeBaseId knowledgeBase) => System.Text.Json.JsonSerializer.Serialize(new { knowledgeBase = knowledgeBase.Name });

    internal KnowledgeBaseSettings Resolve(KnowledgeBaseSettings settings) => settings with
    {
        Analyzer = settings.Analyzer ?? new AnalyzerSettings(_defaults.Stemmer, _defaults.StopWords, null, _defaults.Lowercase),
        Bm25 = settings.Bm25 ?? new Bm25Settings(_defaults.Bm25K1, _defaults.Bm25B),
        Chunking = settings.Chunking ?? new ChunkingSettings(_defaults.ChunkMaxTokens, _defaults.ChunkOverlapTokens),
    };

    private static IEnumerable<string> ChangedSections(KnowledgeBaseSettings before, KnowledgeBaseSettings after)
    {
        if (!Equals(before.Analyzer, after.Analyzer))
        {
            yield return "analyzer";
        }

        if (before.Bm25 != after.Bm25)
        {
            yield return "bm25";
        }

        if (before.Chunking != after.Chunking)
        {
            yield return "chunking";
        }

        if (before.Embedding != after.Embedding)
        {
            yield return "embedding";
        }

        if (before.Chat != after.Chat)
        {
            yield return "chat";
        }
    }
}
