using Lodestar.Core;
using Npgsql;

namespace Lodestar.Storage.Postgres;

/// <summary>Which driver errors mean "the database is unreachable right now" and how callers see them.</summary>
internal static class PostgresFailures
{
    /// <summary>Worth retrying: network errors, timeouts, and server states Npgsql marks transient.</summary>
    public static bool IsTransient(NpgsqlException error) => error.IsTransient || IsShutdown(error);

    /// <summary>The server is down, restarting or unreachable: the request should fail fast with 503.</summary>
    public static bool IsOutage(NpgsqlException error) =>
        IsShutdown(error) || (error is not PostgresException && error.IsTransient) || error.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException;

    public static LodestarException Unavailable(NpgsqlException error) =>
        new(ErrorKind.Unavailable, "the database is unavailable; retry shortly", error);

    /// <summary>Class 08 (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now).</summary>
    private static bool IsShutdown(NpgsqlException error) =>
        error is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal));
}
