using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>One Lodestar node as a separate OS process: the built CLI's <c>serve</c> with its own data directory.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterNode(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public Uri Address { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the node wrote (stdout and stderr), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ClusterNode> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = Cli.StartInfo(["--data", dataDirectory, "serve", "--urls", "http://127.0.0.1:0"], environment);
        var node = new ClusterNode(Process.Start(start) ?? throw new InvalidOperationException("could not start a node"));
        node._process.OutputDataReceived += (_, line) => node.Append(line.Data, stdout: true);
        node._process.ErrorDataReceived += (_, line) => node.Append(line.Data, stdout: false);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        node._process.EnableRaisingEvents = true;
        node._process.Exited += (_, _) => node._listening.TrySetException(new InvalidOperationException("the node exited during start-up:\n" + node.Log));
        try
        {
            // Generous: seven engineers share two cores, and a cold start JIT-compiles the whole server.
            node.Address = await node._listening.Task.WaitAsync(TimeSpan.FromSeconds(180)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException("the node did not start listening in time:\n" + node.Log);
        }

        return node;
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Waits until <c>/readyz</c> says the node's indexes caught up with the change log.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/readyz", UriKind.Relative)).ConfigureAwait(false)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"node {Address} not ready after {timeout}:\n{Log}");
    }

    /// <summary>kill -9: no shutdown hooks, no lease release, exactly like a crashed machine.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void Append(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        const string Marker = "Lodestar is listening on ";
        if (stdout && line.StartsWith(Marker, StringComparison.Ordinal))
        {
            _listening.TrySetResult(new Uri(line[Marker.Length..].Trim()));
        }
    }

    /// <summary>Runs the CLI built beside the tests (same configuration) with a controlled environment.</summary>
    internal static class Cli
    {
        public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("LODESTAR_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            return start;
        }

        /// <summary>Runs a one-shot command and returns its stdout; throws with stderr when it fails.</summary>
        public static async Task<string> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            using var process = Process.Start(StartInfo(arguments, environment)) ?? throw new InvalidOperationException("could not start the CLI");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode == 0 ? await output.ConfigureAwait(false) : throw new InvalidOperationException($"lodestar {string.Join(' ', arguments)} failed: {await error.ConfigureAwait(false)}");
        }

        private static string Path()
        {
            // The test project references the CLI project (build order only), so it is built in the same configuration.
            var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = System.IO.Path.Combine(SharedData.RepositoryRoot(), "src", "Lodestar.Cli", "bin", configuration, "net10.0", "lodestar.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build src/Lodestar.Cli first", path);
        }
    }
}
