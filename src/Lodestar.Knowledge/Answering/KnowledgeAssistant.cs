using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lodestar.Core;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Ingestion;
using Lodestar.Knowledge.Passages;
using Lodestar.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Answering;

/// <summary>Answers questions: retrieve the passages the asker may read, generate a cited answer, score its grounding, audit it.</summary>
public sealed class KnowledgeAssistant
{
    private readonly KnowledgeSearcher _searcher;
    private readonly KnowledgeIndexRegistry _indexes;
    private readonly Settings.AnswerModels _answerModels;
    private readonly IAuditLog _audit;
    private readonly IConversationStore _conversations;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly KnowledgeOptions _options;

    private readonly IKnowledgeRedactor _redactor;

    internal KnowledgeAssistant(KnowledgeSearcher searcher, KnowledgeIndexRegistry indexes, Settings.AnswerModels answerModels, IAuditLog audit, IConversationStore conversations, IEmbeddingGenerator<string, Embedding<float>>? embedder, IOptions<KnowledgeOptions> options, IKnowledgeRedactor redactor)
    {
        _redactor = redactor;
        _embedder = embedder;
        _searcher = searcher;
        _indexes = indexes;
        _answerModels = answerModels;
        _audit = audit;
        _conversations = conversations;
        _options = options.Value;
    }

    public Task<Answer> AskAsync(AskRequest request, CancellationToken cancellationToken = default) => AskCoreAsync(request, stream: null, cancellationToken);

    /// <summary>
    /// Answers as <see cref="AskAsync"/> does, telling <paramref name="stream"/> the sources once retrieved and the answer
    /// text as it is written. The returned answer is the validated one (citations to unknown sources removed).
    /// </summary>
    public Task<Answer> AskStreamingAsync(AskRequest request, IAnswerStream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return AskCoreAsync(request, stream, cancellationToken);
    }

    private async Task<Answer> AskCoreAsync(AskRequest request, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Principal.TenantId != request.KnowledgeBase.TenantId)
        {
            // Sessions are stored under the knowledge base's tenant: a caller from another tenant must not create one there.
            throw LodestarException.NotFound($"unknown knowledge base '{request.KnowledgeBase.Name}'");
        }

        if (string.IsNullOrWhiteSpace(request.Question))
        {
            throw LodestarException.Invalid("the question is empty");
        }

        if (request.Question.Length > _options.MaxQuestionCharacters)
        {
            throw LodestarException.Invalid($"the question is longer than {_options.MaxQuestionCharacters} characters");
        }

        using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.ask");
        span?.SetTag("lodestar.kb", request.KnowledgeBase.Name).SetTag("lodestar.tenant", request.KnowledgeBase.TenantId);
        var history = await LoadHistoryAsync(request, cancellationToken).ConfigureAwait(false);
        var (generator, rewriter) = await _answerModels.ForAsync(request.KnowledgeBase, cancellationToken).ConfigureAwait(false);
        var standalone = await rewriter.RewriteAsync(request.Question, history, cancellationToken).ConfigureAwait(false);
        var index = await _indexes.GetCurrentAsync(request.KnowledgeBase, cancellationToken).ConfigureAwait(false);
        var mode = request.Mode ?? (index.HasVectors ? SearchMode.Hybrid : SearchMode.Bm25);
        var query = QueryTerms.TopicWords(standalone, PassageAnalyzer.Instance);
        var started = Stopwatch.GetTimestamp();
        var passages = await _searcher.SearchAsync(new SearchRequest(request.KnowledgeBase, query, request.Principal, mode, _options.AnswerPassages, request.Rerank), cancellationToken).ConfigureAwait(false);
        var retrieval = Stopwatch.GetElapsedTime(started);
        if (stream is not null)
        {
            await stream.SourcesAsync(passages, standalone, cancellationToken).ConfigureAwait(false);
        }

        var generated = await GenerateAsync(generator, request, passages, standalone, stream, cancellationToken).ConfigureAwait(false);
        var generation = Stopwatch.GetElapsedTime(started) - retrieval;
        var groundedness = await GroundednessScorer.ScoreAsync(generated.Text, generated.Citations, passages, _embedder, cancellationToken).ConfigureAwait(false);
        var answered = generated.Citations.Count > 0;
        span?.SetTag("lodestar.mode", mode.ToString()).SetTag("lodestar.hits", passages.Count).SetTag("lodestar.citations", generated.Citations.Count).SetTag("lodestar.groundedness", groundedness);
        Record(request.KnowledgeBase, generated, groundedness, answered, generation);
        await _audit.AppendAsync(
            new AuditEvent(request.Principal.TenantId, request.Principal.UserId, "knowledge.ask", request.KnowledgeBase.ToString(), new Dictionary<string, string>
            {
                // The question itself may be sensitive: the trail keeps a hash that can confirm it, not its text.
                ["questionSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Question))),
                ["citations"] = generated.Citations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            cancellationToken).ConfigureAwait(false);
        if (request.ConversationId is { } conversationId)
        {
            await _conversations.AppendAsync(conversationId, request.KnowledgeBase, request.Principal.UserId, new ConversationTurn(request.Question, standalone, generated.Text, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        }

        var trace = new AnswerTrace(mode.ToString().ToLowerInvariant(), index.Version, passages.Select(p => new RetrievedPassage(p.DocumentId, p.ChunkId, p.Score)).ToList(), retrieval, generation, generated.Usage);
        return new Answer(generated.Text, generated.Citations, groundedness, answered, generated.Generator, standalone, request.ConversationId,
            generated.InvalidCitationsRemoved, generated.Uncited, generated.Fallback, trace);
    }

    private async Task<GeneratedAnswer> GenerateAsync(IAnswerGenerator generator, AskRequest request, IReadOnlyList<SearchHit> passages, string standalone, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.generate");
        var answerRequest = new AnswerRequest(request.Question, passages, standalone);
        GeneratedAnswer generated;
        using (_redactor.EnterKnowledgeBase(request.KnowledgeBase))
        {
            if (stream is null)
            {
                generated = await generator.GenerateAsync(answerRequest, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (_redactor.RedactsForReader(request.KnowledgeBase))
                {
                    var deltas = new RedactedDeltas(_redactor, request.KnowledgeBase, stream);
                    generated = await generator.GenerateStreamingAsync(answerRequest, deltas.WriteAsync, cancellationToken).ConfigureAwait(false);
                    await deltas.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    generated = await generator.GenerateStreamingAsync(answerRequest, stream.DeltaAsync, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        generated = generated with { Text = _redactor.ForReader(request.KnowledgeBase, generated.Text) };
        span?.SetTag("lodestar.generator", generated.Usage?.Model ?? "extractive").SetTag("lodestar.passages", passages.Count);
        if (generated.Usage is { } usage)
        {
            span?.SetTag("gen_ai.request.model", usage.Model).SetTag("gen_ai.usage.input_tokens", usage.InputTokens).SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
        }

        return generated;
    }

    private static void Record(KnowledgeBaseId knowledgeBase, GeneratedAnswer generated, double groundedness, bool answered, TimeSpan generation)
    {
        var tenant = new KeyValuePair<string, object?>("tenant", knowledgeBase.TenantId);
        var kb = new KeyValuePair<string, object?>("kb", knowledgeBase.Name);
        var model = new KeyValuePair<string, object?>("model", generated.Usage?.Model ?? "extractive");
        KnowledgeTelemetry.GenerationDuration.Record(generation.TotalSeconds, tenant, kb, model);
        KnowledgeTelemetry.Answers.Add(1, tenant, kb, new KeyValuePair<string, object?>("answered", answered ? "true" : "false"));
        KnowledgeTelemetry.Groundedness.Record(groundedness, tenant, kb);
        if (generated.Usage is { } usage)
        {
            KnowledgeTelemetry.Tokens.Add(usage.InputTokens, tenant, model, new KeyValuePair<string, object?>("direction", "input"));
            KnowledgeTelemetry.Tokens.Add(usage.OutputTokens, tenant, model, new KeyValuePair<string, object?>("direction", "output"));
        }
    }

    /// <summary>The newest turns that fit the word budget, oldest first. Only the conversation's owner may continue it.</summary>
    private async Task<IReadOnlyList<ConversationTurn>> LoadHistoryAsync(AskRequest request, CancellationToken cancellationToken)
    {
        if (request.ConversationId is not { } id)
        {
            return [];
        }

        if (id.Length is 0 or > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw LodestarException.Invalid("a session id is 1 to 128 letters, digits, '-', '_' or '.'");
        }

        var conversation = await _conversations.GetAsync(request.Principal.TenantId, id, MaxHistoryTurns, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return [];
        }

        // Someone else's session looks exactly like a missing one: no hint that it exists.
        if (conversation.OwnerUserId != request.Principal.UserId || conversation.KnowledgeBase != request.KnowledgeBase)
        {
            throw LodestarException.NotFound($"no session '{id}' of yours in this knowledge base");
        }

        var kept = new List<ConversationTurn>();
        var tokens = 0;
        for (var i = conversation.Turns.Count - 1; i >= 0; i--)
        {
            var turn = conversation.Turns[i];
            tokens += TokenIndex.Count(turn.StandaloneQuestion) + TokenIndex.Count(turn.Answer);
            if (tokens > _options.HistoryTokenBudget && kept.Count > 0)
            {
                break;
            }

            kept.Insert(0, turn);
        }

        return kept;
    }

    private const int MaxHistoryTurns = 20;
}
