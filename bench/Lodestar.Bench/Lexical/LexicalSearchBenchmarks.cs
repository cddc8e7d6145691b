using BenchmarkDotNet.Attributes;
using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Evaluation;
using Lodestar.Knowledge.Indexing;

namespace Lodestar.Bench.Lexical;

/// <summary>Per-query search cost and allocations on SciFact (dataset from LODESTAR_SCIFACT or ../shared next to the repo).</summary>
[MemoryDiagnoser]
public class LexicalSearchBenchmarks
{
    private LexicalIndex _index = null!;
    private string[] _queries = [];
    private readonly List<string> _terms = [];

    [GlobalSetup]
    public void Setup()
    {
        var dataset = BeirDataset.Load(SciFactDirectory());
        _index = LexicalIndex.CreateInMemory();
        _index.Add(dataset.Corpus.Select(d => new LexicalDocument(d.Id, d.Id, d.Title, d.Text)));
        _index.Commit();
        _queries = [.. dataset.Queries.Values];
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(OperationsPerInvoke = 300)]
    public int SearchTop10()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += _index.Search(query, 10).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = 300)]
    public int AnalyzeQuery()
    {
        var count = 0;
        foreach (var query in _queries)
        {
            _terms.Clear();
            TextAnalyzer.English.Analyze(query, _terms);
            count += _terms.Count;
        }

        return count;
    }

    private static string SciFactDirectory()
    {
        if (Environment.GetEnvironmentVariable("LODESTAR_SCIFACT") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "scifact");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Set LODESTAR_SCIFACT to the SciFact BEIR directory.");
    }
}
