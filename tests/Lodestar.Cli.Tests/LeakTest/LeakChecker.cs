using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lodestar.Cli.Tests.LeakTest;

/// <summary>
/// Checks one response against the oracle: every cited or returned source, and every document marker anywhere
/// in the response (snippets, titles, answer text), must be readable by the user; a one-word search must return
/// a full top-k of readable documents (filtering happens before ranking). Findings are collected, not thrown.
/// </summary>
internal sealed partial class LeakChecker(LeakWorld world)
{
    private readonly Dictionary<string, LeakWorld.Document> _byMarker = world.Documents.ToDictionary(d => d.Marker, StringComparer.Ordinal);
    private readonly Dictionary<string, LeakWorld.Document> _byPath = world.Documents.ToDictionary(d => d.Path, StringComparer.Ordinal);
    private readonly List<string> _leaks = [];
    private readonly List<string> _shortfalls = [];
    private int _checked;
    private int _returned;

    public IReadOnlyList<string> Leaks => _leaks;

    public IReadOnlyList<string> Shortfalls => _shortfalls;

    public int Checked => _checked;

    public int Returned => _returned;

    /// <summary>Checks a search response; <paramref name="outsider"/> users belong to another tenant and may read nothing.</summary>
    public void CheckSearch(string channel, LeakWorld.User user, bool outsider, string word, int k, JsonElement response)
    {
        var results = response.GetProperty("results");
        lock (_leaks)
        {
            _checked++;
            _returned += results.GetArrayLength();
            foreach (var result in results.EnumerateArray())
            {
                CheckSource(channel, user, outsider, result.GetProperty("source").GetString()!);
            }

            CheckMarkers(channel, user, outsider, response.GetRawText());
            var readable = outsider ? 0 : world.Documents.Count(d => d.Words.Contains(word) && world.CanRead(user, d.Path));
            if (results.GetArrayLength() != Math.Min(k, readable))
            {
                _shortfalls.Add($"{channel}: {user.Id} searching '{word}' got {results.GetArrayLength()} results, expected {Math.Min(k, readable)}");
            }
        }
    }

    public void CheckAnswer(string channel, LeakWorld.User user, bool outsider, JsonElement answer)
    {
        lock (_leaks)
        {
            _checked++;
            foreach (var citation in answer.GetProperty("citations").EnumerateArray())
            {
                _returned++;
                CheckSource(channel, user, outsider, citation.GetProperty("source").GetString()!);
            }

            CheckMarkers(channel, user, outsider, answer.GetRawText());
        }
    }

    /// <summary>A refused request (someone else's session) must not carry any document text at all.</summary>
    public void CheckRefusal(string channel, LeakWorld.User user, string text)
    {
        lock (_leaks)
        {
            _checked++;
            if (Marker().IsMatch(text))
            {
                _leaks.Add($"{channel}: {user.Id} was refused with document text: {text}");
            }
        }
    }

    private void CheckSource(string channel, LeakWorld.User user, bool outsider, string source)
    {
        if (outsider || !_byPath.TryGetValue(source, out var document) || !world.CanRead(user, document.Path))
        {
            _leaks.Add($"{channel}: {user.Id} received {source}");
        }
    }

    private void CheckMarkers(string channel, LeakWorld.User user, bool outsider, string text)
    {
        foreach (Match match in Marker().Matches(text))
        {
            if (outsider || (_byMarker.TryGetValue(match.Value, out var document) && !world.CanRead(user, document.Path)))
            {
                _leaks.Add($"{channel}: {user.Id} saw text of {match.Value}");
            }
        }
    }

    [GeneratedRegex(@"doc\d{5}")]
    private static partial Regex Marker();
}
