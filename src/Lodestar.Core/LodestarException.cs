namespace Lodestar.Core;

/// <summary>What kind of failure an expected error is; hosts map it to an exit code or an HTTP status.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Unauthorized,
    Forbidden,
    Conflict,
    TooManyRequests,
    Unavailable,
}

/// <summary>An expected failure with a message safe to show the caller (no stack traces, no internals).</summary>
public sealed class LodestarException(ErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public static LodestarException Invalid(string message) => new(ErrorKind.Invalid, message);

    public static LodestarException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static LodestarException Forbidden(string message) => new(ErrorKind.Forbidden, message);

    public static LodestarException Conflict(string message) => new(ErrorKind.Conflict, message);
}
