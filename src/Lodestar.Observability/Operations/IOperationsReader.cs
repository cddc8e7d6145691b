namespace Lodestar.Observability.Operations;

/// <summary>Reads the recorded requests and answers as time series for the console's operations page and the alert rules.</summary>
public interface IOperationsReader
{
    Task<OperationsSeries> ReadAsync(OperationsQuery query, CancellationToken cancellationToken = default);
}
