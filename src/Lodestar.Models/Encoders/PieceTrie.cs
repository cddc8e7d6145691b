namespace Lodestar.Models.Encoders;

/// <summary>Prefix tree over code points mapping each vocabulary piece to its id and log score.</summary>
internal sealed class PieceTrie
{
    private readonly Dictionary<long, int> _children = [];
    private readonly List<int> _pieceIds = [-1];
    private readonly List<double> _scores = [0];

    /// <summary>Adds a piece; a later duplicate replaces the earlier one, as in the reference.</summary>
    public void Insert(int[] symbols, double score, int id)
    {
        var node = 0;
        foreach (var symbol in symbols)
        {
            var key = Key(node, symbol);
            if (!_children.TryGetValue(key, out var child))
            {
                child = _pieceIds.Count;
                _pieceIds.Add(-1);
                _scores.Add(0);
                _children.Add(key, child);
            }

            node = child;
        }

        if (node != 0)
        {
            _pieceIds[node] = id;
            _scores[node] = score;
        }
    }

    /// <summary>Adds every piece that starts at <paramref name="start"/> to the lattice; false when none does.</summary>
    public bool AddMatches(int[] symbols, int start, ViterbiLattice lattice)
    {
        var found = false;
        var node = 0;
        for (var end = start; end < symbols.Length && _children.TryGetValue(Key(node, symbols[end]), out node); end++)
        {
            if (_pieceIds[node] >= 0)
            {
                lattice.Add(start, end + 1, _scores[node], _pieceIds[node]);
                found = true;
            }
        }

        return found;
    }

    private static long Key(int node, int symbol) => ((long)node << 21) | (uint)symbol;
}
