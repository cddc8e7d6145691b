namespace Lodestar.Knowledge.Vectors;

/// <summary>Graph (de)serialisation, so reopening an index does not rebuild it.</summary>
public sealed partial class HnswGraph
{
    internal void Write(IndexFileWriter writer)
    {
        var nodes = _store.Count;
        writer.WriteInt32(M);
        writer.WriteInt32(EfConstruction);
        writer.WriteInt32(_seed);
        writer.WriteInt32(nodes);
        writer.WriteInt32(Count);
        writer.WriteInt32(_entryPoint);
        writer.WriteInt32(_topLevel);
        EnsureNodeCapacity(nodes);
        writer.WriteSpan<byte>(_levels.AsSpan(0, nodes));
        writer.WriteSpan<int>(_links0.AsSpan(0, nodes * (M0 + 1)));
        for (var id = 0; id < nodes; id++)
        {
            if (_upperLinks[id] is { } upper)
            {
                writer.WriteSpan<int>(upper);
            }
        }
    }

    /// <summary>Reads a graph written by <see cref="Write"/> over the same store; null when it was built with other parameters.</summary>
    internal static HnswGraph? Read(IndexFileReader reader, VectorStore store, int m, int efConstruction)
    {
        var graph = new HnswGraph(store, reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var nodes = reader.ReadInt32();
        var count = reader.ReadInt32();
        var entryPoint = reader.ReadInt32();
        var topLevel = reader.ReadInt32();
        if (nodes != store.Count || count > nodes || entryPoint >= nodes || topLevel > MaxLevel)
        {
            throw reader.Corrupt("the graph does not match the vectors");
        }

        graph.EnsureNodeCapacity(nodes);
        reader.ReadSpan<byte>(graph._levels.AsSpan(0, nodes));
        reader.ReadSpan<int>(graph._links0.AsSpan(0, nodes * (graph.M0 + 1)));
        for (var id = 0; id < nodes; id++)
        {
            var level = graph._levels[id] - 1;
            if (level > MaxLevel)
            {
                throw reader.Corrupt($"node {id} has level {level}");
            }

            if (level > 0)
            {
                var upper = new int[level * (graph.M + 1)];
                reader.ReadSpan<int>(upper);
                graph._upperLinks[id] = upper;
            }
        }

        graph.Count = count;
        graph._entryPoint = entryPoint;
        graph._topLevel = topLevel;
        graph.ValidateLinks(reader);
        graph._random = new Random(graph._seed + count);
        return graph.M == m && graph.EfConstruction == efConstruction ? graph : null;
    }

    private void ValidateLinks(IndexFileReader reader)
    {
        var nodes = _store.Count;
        for (var id = 0; id < nodes; id++)
        {
            var level = _levels[id] - 1;
            for (var layer = 0; layer <= level; layer++)
            {
                var links = Links(id, layer);
                if ((uint)links[0] > (uint)(links.Length - 1))
                {
                    throw reader.Corrupt($"node {id} has {links[0]} links");
                }

                foreach (var neighbour in links.Slice(1, links[0]))
                {
                    if ((uint)neighbour >= (uint)nodes || _levels[neighbour] - 1 < layer)
                    {
                        throw reader.Corrupt($"node {id} links to a missing node");
                    }
                }
            }
        }
    }
}
