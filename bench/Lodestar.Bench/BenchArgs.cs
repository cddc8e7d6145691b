using System.Globalization;

namespace Lodestar.Bench;

/// <summary>The few "--name value" options the runners take; bad values fail loudly, a benchmark has no user to protect.</summary>
internal static class BenchArgs
{
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static int[] Ints(string[] args, string name, string fallback) =>
        Array.ConvertAll((Option(args, name) ?? fallback).Split(','), v => int.Parse(v, CultureInfo.InvariantCulture));
}
