using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Indexing;

/// <summary>Computes the next snapshot from the current one and the buffered changes, without touching either.</summary>
internal static class CommitBuilder
{
    // Above this many segments the smallest ones are merged, so searches touch few segments.
    private const int MaxSegments = 10;

    public static IndexSnapshot Build(
        IndexSnapshot current, IReadOnlyDictionary<string, LexicalDocument> adds, IReadOnlySet<string> deletes,
        TextAnalyzer analyzer, int titleWeight, out List<(string Name, byte[] Bytes)> newSegments)
    {
        newSegments = [];
        var views = new List<SegmentView>(current.Segments.Count + 1);
        foreach (var view in current.Segments)
        {
            var updated = adds.Count == 0 && deletes.Count == 0 ? view : ApplyDeletes(view, adds, deletes);
            if (updated.LiveCount > 0)
            {
                views.Add(updated);
            }
        }

        var nextNumber = current.NextSegmentNumber;
        if (adds.Count > 0)
        {
            var builder = new SegmentBuilder();
            foreach (var document in adds.Values)
            {
                builder.AddDocument(document, analyzer, titleWeight);
            }

            views.Add(NewSegment(builder.ToFile(), nextNumber++, newSegments));
        }

        if (views.Count > MaxSegments)
        {
            // Merge the smallest half into one segment; big segments are rewritten only rarely.
            var bySize = views.OrderBy(v => v.LiveCount).ToList();
            var toMerge = bySize.Take(views.Count - (MaxSegments / 2)).ToList();
            var merged = NewSegment(SegmentMerger.Merge(toMerge), nextNumber++, newSegments);
            views = [.. views.Where(v => !toMerge.Contains(v)), merged];
        }

        return new IndexSnapshot(views, current.Generation + 1, nextNumber);
    }

    private static SegmentView ApplyDeletes(SegmentView view, IReadOnlyDictionary<string, LexicalDocument> adds, IReadOnlySet<string> deletes)
    {
        var segment = view.Segment;
        List<int>? doomed = null;
        for (var doc = 0; doc < segment.DocCount; doc++)
        {
            if (!view.IsDeleted(doc) && (deletes.Contains(segment.DocumentIds[doc]) || adds.ContainsKey(segment.ChunkIds[doc])))
            {
                (doomed ??= []).Add(doc);
            }
        }

        return doomed is null ? view : view.WithDeleted(doomed);
    }

    private static SegmentView NewSegment(byte[] file, int number, List<(string Name, byte[] Bytes)> newSegments)
    {
        var name = $"seg_{number:D8}{SegmentFormat.Extension}";
        newSegments.Add((name, file));
        return new SegmentView(Segment.Parse(name, file), null, 0);
    }
}
