namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// The commit point: analysis fingerprint, generation, next segment number, and for each live segment its file name
/// and deleted doc ids.
/// Replaced atomically on every commit; segments it does not name are garbage from an interrupted commit.
/// </summary>
internal static class Manifest
{
    public const string FileName = "manifest.lxm";
    private const uint Magic = 0x464D_584C; // "LXMF"
    // Version 2 added the analysis fingerprint; version 1 manifests are still read (fingerprint unknown).
    private const uint Version = 2;
    private const uint OldestReadableVersion = 1;

    public sealed record Entry(string SegmentName, int[] DeletedDocs);

    public static byte[] Serialize(IndexSnapshot snapshot, string fingerprint)
    {
        var writer = new ByteWriter(256);
        writer.WriteUInt32(Magic);
        writer.WriteUInt32(Version);
        writer.WriteString(fingerprint);
        writer.WriteVarUInt((ulong)snapshot.Generation);
        writer.WriteVarUInt((ulong)snapshot.NextSegmentNumber);
        writer.WriteVarUInt((ulong)snapshot.Segments.Count);
        foreach (var view in snapshot.Segments)
        {
            writer.WriteString(view.Segment.Name);
            writer.WriteVarUInt((ulong)view.DeletedCount);
            var previous = 0;
            for (var doc = 0; doc < view.Segment.DocCount && view.DeletedCount > 0; doc++)
            {
                if (view.IsDeleted(doc))
                {
                    writer.WriteVarUInt((ulong)(doc - previous));
                    previous = doc;
                }
            }
        }

        writer.WriteChecksum();
        return writer.WrittenSpan.ToArray();
    }

    public static (string? Fingerprint, long Generation, int NextSegmentNumber, List<Entry> Entries) Parse(byte[] file)
    {
        var reader = ByteReader.Open(file, FileName, Magic, Version, OldestReadableVersion);
        var fingerprint = reader.Version >= 2 ? reader.ReadString() : null;
        var generation = (long)reader.ReadVarUInt();
        var nextSegment = reader.ReadCount(int.MaxValue);
        var count = reader.ReadCount(file.Length);
        var entries = new List<Entry>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (Path.GetFileName(name) != name || !name.EndsWith(SegmentFormat.Extension, StringComparison.Ordinal))
            {
                throw ByteReader.Corrupt(FileName, $"invalid segment name '{name}'");
            }

            var deleted = new int[reader.ReadCount(file.Length)];
            var doc = 0;
            for (var d = 0; d < deleted.Length; d++)
            {
                doc = checked(doc + reader.ReadCount(int.MaxValue));
                deleted[d] = doc;
            }

            entries.Add(new Entry(name, deleted));
        }

        if (!reader.AtEnd)
        {
            throw ByteReader.Corrupt(FileName, "trailing data");
        }

        return (fingerprint, generation, nextSegment, entries);
    }
}
