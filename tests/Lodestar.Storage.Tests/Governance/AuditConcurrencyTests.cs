using Lodestar.Core;

namespace Lodestar.Storage.Tests.Governance;

public sealed class AuditConcurrencyTests : IDisposable
{
    private readonly GovernanceDatabase _database = new();

    [Fact]
    public async Task AppendAsync_TwoWritersInParallel_OneUnforkedChain()
    {
        // Two trails with separate schema objects, pools and key providers stand for two processes.
        var writers = new[] { _database.CreateTrail(7), _database.CreateTrail(7) };
        await writers[0].AppendAsync(new AuditEvent("default", "setup", "init", "trail"));

        await Task.WhenAll(writers.Select((trail, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await trail.AppendAsync(new AuditEvent("default", "writer" + w, "doc.read", "doc:" + i));
            }
        })));

        var result = await _database.CreateTrail(7).VerifyAsync();
        Assert.True(result.Intact, result.Problem?.Message);
        Assert.Equal((81L, 11), (result.RecordsChecked, result.Checkpoints));
    }

    public void Dispose() => _database.Dispose();
}
