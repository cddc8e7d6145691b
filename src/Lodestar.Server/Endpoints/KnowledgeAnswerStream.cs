using System.Text;
using System.Text.Json;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Search;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Writes an answer as Server-Sent Events: <c>sources</c> (the numbered passages), <c>delta</c> (answer text as it is
/// written), then <c>answer</c> (the validated answer) or <c>error</c>. The response starts with the first event,
/// so a request rejected before retrieval still gets a normal problem-details status.
/// </summary>
internal sealed class KnowledgeAnswerStream(HttpResponse response) : IAnswerStream
{
    public bool Started { get; private set; }

    public ValueTask SourcesAsync(IReadOnlyList<SearchHit> passages, string searchedQuestion, CancellationToken cancellationToken) =>
        WriteEventAsync("sources", new SourcesEvent(searchedQuestion, passages.Select((p, i) => new SourceEntry(i + 1, p.DocumentId, p.Source, p.Title, p.HeadingPath, p.ChunkId, p.Score)).ToList()), cancellationToken);

    public ValueTask DeltaAsync(string text, CancellationToken cancellationToken) => WriteEventAsync("delta", new DeltaEvent(text), cancellationToken);

    public async ValueTask WriteEventAsync<T>(string name, T payload, CancellationToken cancellationToken)
    {
        if (!Started)
        {
            Started = true;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            // Proxies such as nginx would otherwise buffer the whole stream.
            response.Headers["X-Accel-Buffering"] = "no";
        }

        // Serialized JSON has no raw newlines, so one data line carries the whole event.
        var frame = new StringBuilder("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)).Append("\n\n").ToString();
        await response.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    internal sealed record SourceEntry(int Index, string DocumentId, string Source, string Title, string HeadingPath, string ChunkId, double Score);

    internal sealed record SourcesEvent(string SearchedQuestion, IReadOnlyList<SourceEntry> Sources);

    internal sealed record DeltaEvent(string Text);

    internal sealed record ErrorEvent(string Error);
}
