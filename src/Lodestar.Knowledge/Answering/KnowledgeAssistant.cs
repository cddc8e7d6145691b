using System.Security.Cryptography;
using System.Text;
using Lodestar.Core;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Answering;

/// <summary>Answers questions: retrieve the passages the asker may read, generate a cited answer, score its grounding, audit it.</summary>
public sealed class KnowledgeAssistant
{
    private readonly KnowledgeSearcher _searcher;
    private readonly KnowledgeIndexRegistry _indexes;
    private readonly IAnswerGenerator _generator;
    private readonly IAuditLog _audit;
    private readonly KnowledgeOptions _options;

    internal KnowledgeAssistant(KnowledgeSearcher searcher, KnowledgeIndexRegistry indexes, IAnswerGenerator generator, IAuditLog audit, IOptions<KnowledgeOptions> options)
    {
        _searcher = searcher;
        _indexes = indexes;
        _generator = generator;
        _audit = audit;
        _options = options.Value;
    }

    public async Task<Answer> AskAsync(AskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            throw LodestarException.Invalid("the question is empty");
        }

        if (request.Question.Length > _options.MaxQuestionCharacters)
        {
            throw LodestarException.Invalid($"the question is longer than {_options.MaxQuestionCharacters} characters");
        }

        var index = await _indexes.GetCurrentAsync(request.KnowledgeBase, cancellationToken).ConfigureAwait(false);
        var mode = request.Mode ?? (index.HasVectors ? SearchMode.Hybrid : SearchMode.Bm25);
        var passages = await _searcher.SearchAsync(new SearchRequest(request.KnowledgeBase, request.Question, request.Principal, mode, _options.AnswerPassages), cancellationToken).ConfigureAwait(false);
        var generated = await _generator.GenerateAsync(new AnswerRequest(request.Question, passages), cancellationToken).ConfigureAwait(false);
        var groundedness = GroundednessScorer.Score(generated.Text, generated.Citations, passages);
        await _audit.AppendAsync(
            new AuditEvent(request.Principal.TenantId, request.Principal.UserId, "knowledge.ask", request.KnowledgeBase.ToString(), new Dictionary<string, string>
            {
                // The question itself may be sensitive: the trail keeps a hash that can confirm it, not its text.
                ["questionSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Question))),
                ["citations"] = generated.Citations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            cancellationToken).ConfigureAwait(false);
        return new Answer(generated.Text, generated.Citations, groundedness, generated.Citations.Count > 0, generated.Generator);
    }
}
