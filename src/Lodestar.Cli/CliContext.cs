using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Server.Cluster;
using Lodestar.Server.Composition;
using Lodestar.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Cli;

/// <summary>
/// What a command runs with: the data directory, the output mode, and the same service graph the server
/// composes (built lazily, disposed when the command ends).
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Enums by camelCase name, as the HTTP API writes them (a job's status is "completed", not 1).
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private ServiceProvider? _services;

    public CliContext(ParseResult parseResult)
    {
        ParseResult = parseResult;
        Json = parseResult.GetValue(GlobalOptions.Json);
        Data = new DataDirectory(DataDirectory.ResolveRoot(parseResult.GetValue(GlobalOptions.Data)));
        Store = StoreSelection.Resolve(parseResult.GetValue(GlobalOptions.Store), parseResult.GetValue(GlobalOptions.Connection));
    }

    public ParseResult ParseResult { get; }

    public bool Json { get; }

    public DataDirectory Data { get; }

    /// <summary>The system of record chosen by <c>--store</c>/<c>--connection</c> or the environment.</summary>
    public StoreSelection Store { get; }

    /// <summary>The composed services, built on first use.</summary>
    public IServiceProvider Services => _services ??= new ServiceCollection()
        .AddLodestar(new LodestarHostOptions { DataDirectory = Data.Root, Store = Store })
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public T GetRequiredService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Writes the command's result: one JSON document with <c>--json</c>, else the human rendering.</summary>
    public void Output<T>(T result, Action<T> human)
    {
        if (Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        }
        else
        {
            human(result);
        }
    }

    /// <summary>Progress and logs go to stderr so that stdout stays one JSON document.</summary>
    public static void Info(string message) => Console.Error.WriteLine(message);

    /// <summary>Closes the command's services (and the index files they hold) so a server in this process can own them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
            _services = null;
        }
    }
}
