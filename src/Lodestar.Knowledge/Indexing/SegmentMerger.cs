namespace Lodestar.Knowledge.Indexing;

/// <summary>Rewrites several segments as one, dropping deleted documents; doc order follows the input order.</summary>
internal static class SegmentMerger
{
    public static byte[] Merge(IReadOnlyList<SegmentView> views)
    {
        var builder = new SegmentBuilder();
        var remaps = new int[views.Count][];
        for (var v = 0; v < views.Count; v++)
        {
            var view = views[v];
            var segment = view.Segment;
            var remap = remaps[v] = new int[segment.DocCount];
            for (var doc = 0; doc < remap.Length; doc++)
            {
                remap[doc] = view.IsDeleted(doc)
                    ? -1
                    : builder.StartDocument(segment.ChunkIds[doc], segment.DocumentIds[doc], segment.Lengths[doc]);
            }
        }

        // Segments are visited in order, so each term's merged postings stay sorted by new doc id.
        for (var v = 0; v < views.Count; v++)
        {
            var segment = views[v].Segment;
            var remap = remaps[v];
            for (var t = 0; t < segment.Terms.Length; t++)
            {
                var termId = -1;
                for (var cursor = segment.Cursor(t); Advance(ref cursor);)
                {
                    if (remap[cursor.Doc] >= 0)
                    {
                        if (termId < 0)
                        {
                            termId = builder.TermId(segment.Terms[t]);
                        }

                        builder.AddPosting(termId, remap[cursor.Doc], cursor.Freq);
                    }
                }
            }
        }

        return builder.ToFile();
    }

    private static bool Advance(ref PostingsCursor cursor)
    {
        cursor.Next();
        return cursor.Doc != PostingsCursor.NoMoreDocs;
    }
}
