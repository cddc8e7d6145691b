using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    };

    private readonly Lazy<ServiceProvider> _services;

    public CliContext(ParseResult parseResult)
    {
        ParseResult = parseResult;
        Json = parseResult.GetValue(GlobalOptions.Json);
        Data = new DataDirectory(DataDirectory.ResolveRoot(parseResult.GetValue(GlobalOptions.Data)));
        _services = new Lazy<ServiceProvider>(() =>
        {
            var services = new ServiceCollection();
            services.AddLodestar(new LodestarHostOptions { DataDirectory = Data.Root });
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        });
    }

    public ParseResult ParseResult { get; }

    public bool Json { get; }

    public DataDirectory Data { get; }

    public IServiceProvider Services => _services.Value;

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

    public async ValueTask DisposeAsync()
    {
        if (_services.IsValueCreated)
        {
            await _services.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
