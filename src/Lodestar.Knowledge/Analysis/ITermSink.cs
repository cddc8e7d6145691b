namespace Lodestar.Knowledge.Analysis;

/// <summary>Receives analysed terms as spans so indexing can look them up without allocating a string per token.</summary>
internal interface ITermSink
{
    void Accept(ReadOnlySpan<char> term);
}
