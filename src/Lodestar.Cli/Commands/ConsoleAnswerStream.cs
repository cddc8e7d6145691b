using System.Text;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Search;

namespace Lodestar.Cli.Commands;

/// <summary>Prints answer text as it arrives (a chat model's tokens; the extractive answer comes as one piece).</summary>
internal sealed class ConsoleAnswerStream : IAnswerStream
{
    private readonly StringBuilder _printed = new();

    /// <summary>Everything printed so far, to compare with the validated answer.</summary>
    public string Printed => _printed.ToString();

    public ValueTask SourcesAsync(IReadOnlyList<SearchHit> passages, string searchedQuestion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DeltaAsync(string text, CancellationToken cancellationToken)
    {
        _printed.Append(text);
        Console.Out.Write(text);
        Console.Out.Flush();
        return ValueTask.CompletedTask;
    }
}
