using BenchmarkDotNet.Attributes;
using Lodestar.Core;
using Lodestar.Governance;
using Lodestar.Governance.Audit;
using Lodestar.Storage;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Governance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Bench.Governance;

/// <summary>Audit append (one SQLite write transaction each) and verification of a 1,000-record trail.</summary>
public class AuditTrailBenchmarks
{
    private static readonly AuditEvent Event = new("default", "alice", "doc.read", "doc:42", new Dictionary<string, string> { ["kb"] = "handbook" });
    private string _directory = string.Empty;
    private ServiceProvider? _services;
    private AuditTrail? _trail;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("lodestar-audit-bench-").FullName;
        var services = new ServiceCollection();
        var data = new DataDirectory(_directory);
        services.AddSingleton(data).AddSingleton(new SqliteDatabase(data.DatabasePath)).AddGovernance().AddSqliteGovernanceStores();
        _services = services.BuildServiceProvider();
        _trail = _services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < 1000; i++)
        {
            await _trail.AppendAsync(Event);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Append one audit record")]
    public Task<AuditRecord> Append() => _trail!.AppendAsync(Event);

    [Benchmark(Description = "Verify the trail (1,000+ records)", OperationsPerInvoke = 1)]
    public Task<AuditVerification> Verify() => _trail!.VerifyAsync();
}
