using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lodestar.WebConsole;

/// <summary>
/// The console's stylesheet and script, embedded in this assembly and served with a content hash as ETag: nothing
/// depends on a CDN, a publish step or the host's content root.
/// </summary>
internal static class ConsoleAssets
{
    private const string Prefix = "Lodestar.WebConsole.Assets.";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The URL of an asset with its hash as a version, so a new build never meets a stale cached copy.</summary>
    public static string Url(string name) => $"/console/assets/{name}?v={Assets[name].Tag.Tag.ToString().Trim('"')}";

    public static IResult Serve(string name) =>
        Assets.TryGetValue(name, out var asset)
            ? TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.Tag)
            : TypedResults.NotFound();

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[Prefix.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            var tag = new EntityTagHeaderValue('"' + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + '"');
            assets[name] = new Asset(content, type, tag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue Tag);
}
