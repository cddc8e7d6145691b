using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lodestar.Knowledge.Answering;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Observability;

/// <summary>
/// Wraps every ask, from any host (HTTP API, console, CLI): budgets are checked first (a reached hard limit refuses with
/// a 429-kind error, a soft one is passed to the host as a warning), then the answer is recorded (question per the
/// tenant's privacy setting), its cost priced and its usage rolled up, and it is returned with its <c>answerId</c>.
/// </summary>
public sealed class AskObserver(BudgetGuard budgets, IAnswerRecordStore records, PriceTable prices, TimeProvider time)
{
    public const string BudgetWarningHeader = "X-Lodestar-Budget-Warning";

    /// <summary>An HTTP ask: charged to the caller's API key too, soft-limit warnings as <see cref="BudgetWarningHeader"/>.</summary>
    public Task<Answer> AskAsync(HttpContext context, AskRequest request, Func<AskRequest, CancellationToken, Task<Answer>> ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AskAsync(request, context.GetKeyId(), warning =>
        {
            // A streaming response (the console's server-sent ask) has sent its headers already.
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.Append(BudgetWarningHeader, warning);
            }
        }, ask, cancellationToken);
    }

    /// <param name="keyId">The API key the asker presented (its budget applies too), or null.</param>
    /// <param name="warn">Receives each soft-limit warning before the question is answered.</param>
    public async Task<Answer> AskAsync(AskRequest request, string? keyId, Action<string> warn, Func<AskRequest, CancellationToken, Task<Answer>> ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(warn);
        ArgumentNullException.ThrowIfNull(ask);
        var started = Stopwatch.GetTimestamp();
        var principal = request.Principal;
        foreach (var warning in await budgets.CheckAsync(principal.TenantId, keyId, cancellationToken).ConfigureAwait(false))
        {
            warn(warning);
        }

        var answer = await ask(request, cancellationToken).ConfigureAwait(false);
        var trace = answer.Trace;
        var usage = trace?.Usage;
        var cost = prices.CostOf(usage?.Model, usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0);
        var privacy = await records.GetPrivacyAsync(principal.TenantId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var record = new AnswerRecord(
            "ans_" + Guid.NewGuid().ToString("N"), principal.TenantId, principal.UserId, keyId, request.KnowledgeBase.Name, now,
            privacy, QuestionFor(privacy, request.Question), answer.Generator, usage?.Model, trace?.Mode ?? "unknown", trace?.IndexVersion ?? 0,
            trace?.Passages.Select(p => new RecordedPassage(p.DocumentId, p.ChunkId, p.Score)).ToList() ?? [],
            answer.Citations.Select(c => new RecordedCitation(c.Index, c.DocumentId, c.ChunkId, c.StartOffset, c.EndOffset)).ToList(),
            new AnswerLatency(trace?.Retrieval.TotalMilliseconds ?? 0, trace?.Generation.TotalMilliseconds ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, cost, answer.Groundedness, answer.Answered);
        await records.AddAsync(record, cancellationToken).ConfigureAwait(false);
        await budgets.RecordAsync(new UsageEntry(now, principal.TenantId, principal.UserId, keyId, request.KnowledgeBase.Name, usage?.Model ?? "extractive",
            record.InputTokens, record.OutputTokens, 0, cost), cancellationToken).ConfigureAwait(false);
        return answer with { AnswerId = record.Id };
    }

    private static string? QuestionFor(QuestionPrivacy privacy, string question) => privacy switch
    {
        QuestionPrivacy.Stored => question,
        QuestionPrivacy.Hashed => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(question))),
        _ => null,
    };
}
