using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lodestar.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the Debian <c>postgresql</c> package: initdb into a temp directory (as the
/// <c>postgres</c> OS user when running as root, since PostgreSQL refuses to run as root), pg_ctl start on a free
/// loopback port, stop and delete on dispose. <see cref="Shared"/> is one cluster for the whole test run.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string SuperUser = "lodestar";
    private const string OwnerFile = "owner.pid";
    private const string DirectoryPrefix = "lodestar-pg-";

    private static readonly Lazy<PostgresCluster> SharedCluster = new(() =>
    {
        ReapOrphans();
        var cluster = new PostgresCluster();
        // The test host may be killed moments after ProcessExit, so the cleanup runs in a detached shell.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.CleanUpDetached();
        return cluster;
    });

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;
    private bool _disposed;

    public PostgresCluster()
    {
        _bin = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        File.WriteAllText(Path.Combine(_root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_asPostgresUser)
        {
            Run("chown", $"postgres \"{_root}\"", asPostgres: false);
        }

        try
        {
            Run(Path.Combine(_bin, "initdb"), $"-D \"{DataPath}\" -U {SuperUser} -A trust -E UTF8 --no-sync", _asPostgresUser);
            // Durability is irrelevant for throwaway test data; speed and enough connections for three nodes matter.
            File.AppendAllText(Path.Combine(DataPath, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{_root}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 300
                shared_buffers = 64MB

                """);
            StartOnFreePort();
        }
        catch
        {
            Directory.Delete(_root, recursive: true);
            throw;
        }
    }

    /// <summary>One cluster per test run, stopped when the test process exits.</summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    public int Port { get; private set; }

    /// <summary>Connection string of the superuser to the default <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database=postgres";

    private string DataPath => Path.Combine(_root, "data");

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public void Start() => Run(Path.Combine(_bin, "pg_ctl"), $"-D \"{DataPath}\" -l \"{Path.Combine(_root, "server.log")}\" -w -t 60 start", _asPostgresUser);

    /// <summary>
    /// Picks a free port and starts; another process on this busy machine may take the port between the pick and
    /// the bind, so a failed start is retried on a new port (the last <c>port</c> line of postgresql.conf wins).
    /// </summary>
    private void StartOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            File.AppendAllText(Path.Combine(DataPath, "postgresql.conf"), $"port = {Port}\n");
            try
            {
                Start();
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // Port taken meanwhile: try another.
            }
        }
    }

    /// <summary>Stops the server (fast mode: open sessions are terminated, as in an operator restart).</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), $"-D \"{DataPath}\" -m fast -w -t 60 stop", _asPostgresUser);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it); deleting the directory is all that is left.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Temp cleanup is best effort.
        }
    }

    private void CleanUpDetached() => StopAndDeleteDetached(_bin, _root, _asPostgresUser);

    private static void StopAndDeleteDetached(string bin, string root, bool asPostgresUser)
    {
        var stop = $"\"{Path.Combine(bin, "pg_ctl")}\" -D \"{Path.Combine(root, "data")}\" -m immediate -w stop";
        var script = (asPostgresUser ? $"runuser -u postgres -- {stop}" : stop) + $" >/dev/null 2>&1; rm -rf \"{root}\"";
        using var process = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false });
    }

    /// <summary>
    /// Stops clusters left by test hosts that were killed before ProcessExit could run (a killed run, a hung test
    /// timed out): a cluster whose owner process is gone belongs to nobody.
    /// </summary>
    private static void ReapOrphans()
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(root, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                StopAndDeleteDetached(FindBinaries(), root, Environment.UserName == "root");
            }
        }
    }

    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var versions = Directory.Exists(Root) ? Directory.GetDirectories(Root) : [];
        Array.Sort(versions, StringComparer.Ordinal);
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            var bin = Path.Combine(versions[i], "bin");
            if (File.Exists(Path.Combine(bin, "initdb")))
            {
                return bin;
            }
        }

        throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install the Debian 'postgresql' package (./test.sh does)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{program}\" {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {arguments} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
