using Lodestar.Observability.Answers;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Tests.Observability;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresAnswerRecordStoreTests : AnswerRecordStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IAnswerRecordStore CreateStore() => new PostgresAnswerRecordStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
