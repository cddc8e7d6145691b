using System.Text;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// Passes streamed answer text through the knowledge base's reader PII rules. A delta can end in the middle of an
/// e-mail address or card number, so text is held back until a sentence or line ends (no entity the detectors know
/// spans ". " or a newline) and redacted a segment at a time; <see cref="FlushAsync"/> releases the rest.
/// </summary>
internal sealed class RedactedDeltas(IKnowledgeRedactor redactor, KnowledgeBaseId knowledgeBase, IAnswerStream target)
{
    private readonly StringBuilder _pending = new();

    public async ValueTask WriteAsync(string delta, CancellationToken cancellationToken)
    {
        _pending.Append(delta);
        var end = LastBoundary();
        if (end > 0)
        {
            var segment = _pending.ToString(0, end);
            _pending.Remove(0, end);
            await target.DeltaAsync(redactor.ForReader(knowledgeBase, segment), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            var rest = _pending.ToString();
            _pending.Clear();
            await target.DeltaAsync(redactor.ForReader(knowledgeBase, rest), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Length of the longest prefix that ends just after a sentence end followed by whitespace, or a newline.</summary>
    private int LastBoundary()
    {
        for (var i = _pending.Length - 1; i >= 0; i--)
        {
            var c = _pending[i];
            if (c == '\n')
            {
                return i + 1;
            }

            if (char.IsWhiteSpace(c) && i > 0 && _pending[i - 1] is '.' or '?' or '!')
            {
                return i + 1;
            }
        }

        return 0;
    }
}
