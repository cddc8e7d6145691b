using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Models.Training;

/// <summary>
/// The categorical nodes of a <see cref="QuickScorer"/>, per feature. Levels that every node of the feature sends the
/// same way form a class; when the classes are few (a class holds every tree's word, so the budget is what the nodes
/// themselves would take, 32 bytes each), a row ANDs in its class's words in one vector pass. Otherwise each node
/// tests the row's level in its left set, those sets lying word by word side by side.
/// </summary>
internal sealed class QuickScorerCategories
{
    private const int Bins = FeatureBinner.MissingBin + 1;

    private readonly Feature[] _features;
    private readonly QuickScorer.LeafMask[] _nodes;
    private readonly ulong[] _words;
    private readonly byte[] _classes;
    private readonly ulong[] _classWords;

    private QuickScorerCategories(Feature[] features, QuickScorer.LeafMask[] nodes, ulong[] words, byte[] classes, ulong[] classWords) =>
        (_features, _nodes, _words, _classes, _classWords) = (features, nodes, words, classes, classWords);

    /// <summary>From each feature's nodes (its mask, and where its left set starts in its tree's LeftCategories).</summary>
    public static QuickScorerCategories Build(DecisionTree[] trees, List<(QuickScorer.LeafMask Node, int Words)>[] byFeature)
    {
        var (features, nodes, words) = (new List<Feature>(), new List<QuickScorer.LeafMask>(), new List<ulong>());
        var (classes, classWords) = (new List<byte>(), new List<ulong>());
        for (var f = 0; f < byFeature.Length; f++)
        {
            var group = byFeature[f];
            if (group.Count == 0)
            {
                continue;
            }

            var (map, members) = Classes(trees, group);
            if (members.Count * trees.Length <= 4 * group.Count)
            {
                features.Add(new Feature(f, 0, 0, classes.Count, classWords.Count));
                classes.AddRange(map);
                foreach (var member in members)
                {
                    classWords.AddRange(Words(trees.Length, group, member, trees));
                }

                continue;
            }

            features.Add(new Feature(f, nodes.Count, group.Count, -1, -1));
            nodes.AddRange(group.Select(n => n.Node));
            for (var w = 0; w < 4; w++)
            {
                words.AddRange(group.Select(n => trees[n.Node.Tree].LeftCategories[n.Words + w]));
            }
        }

        return new QuickScorerCategories([.. features], [.. nodes], [.. words], [.. classes], [.. classWords]);
    }

    public void Apply(double[][] columns, int row, Span<ulong> leaves)
    {
        ref var first = ref MemoryMarshal.GetReference(leaves);
        foreach (var feature in _features)
        {
            var bin = FeatureBinner.CategoryBin(columns[feature.Column][row]);
            if (feature.Classes >= 0)
            {
                var start = feature.ClassWords + (_classes[feature.Classes + bin] * leaves.Length);
                TensorPrimitives.BitwiseAnd(leaves, _classWords.AsSpan(start, leaves.Length), leaves);
                continue;
            }

            // The words holding the row's level for all of the feature's nodes lie side by side.
            var words = _words.AsSpan((feature.Start * 4) + ((bin >> 6) * feature.Count), feature.Count);
            var nodes = _nodes.AsSpan(feature.Start, feature.Count);
            for (var i = 0; i < nodes.Length; i++)
            {
                // A row the node sends left keeps all its bits: the mask becomes all ones.
                var left = (words[i] >> (bin & 63)) & 1;
                Unsafe.Add(ref first, nodes[i].Tree) &= nodes[i].Mask | (0UL - left);
            }
        }
    }

    private static bool GoesLeft(DecisionTree[] trees, (QuickScorer.LeafMask Node, int Words) node, int bin) =>
        ((trees[node.Node.Tree].LeftCategories[node.Words + (bin >> 6)] >> (bin & 63)) & 1) != 0;

    /// <summary>Each bin's class, and per class one bin of it: bins whose rows every node sends the same way share one.</summary>
    private static (byte[] Map, List<int> Members) Classes(DecisionTree[] trees, List<(QuickScorer.LeafMask Node, int Words)> group)
    {
        var map = new byte[Bins];
        var members = new List<int>();
        var seen = new Dictionary<string, byte>(StringComparer.Ordinal);
        var directions = new char[group.Count];
        for (var bin = 0; bin < Bins; bin++)
        {
            for (var i = 0; i < group.Count; i++)
            {
                directions[i] = GoesLeft(trees, group[i], bin) ? 'L' : 'R';
            }

            var key = new string(directions);
            if (!seen.TryGetValue(key, out map[bin]))
            {
                map[bin] = seen[key] = (byte)members.Count;
                members.Add(bin);
            }
        }

        return (map, members);
    }

    /// <summary>Every tree's word once the group's nodes have sent a row of level <paramref name="bin"/> their way.</summary>
    private static ulong[] Words(int treeCount, List<(QuickScorer.LeafMask Node, int Words)> group, int bin, DecisionTree[] trees)
    {
        var words = new ulong[treeCount];
        Array.Fill(words, ulong.MaxValue);
        foreach (var node in group)
        {
            if (!GoesLeft(trees, node, bin))
            {
                words[node.Node.Tree] &= node.Node.Mask;
            }
        }

        return words;
    }

    /// <summary>A feature's class map at Classes and class words at ClassWords, or (Classes = -1) its nodes at Start.</summary>
    private readonly record struct Feature(int Column, int Start, int Count, int Classes, int ClassWords);
}
