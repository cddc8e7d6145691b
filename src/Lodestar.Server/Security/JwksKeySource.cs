using Lodestar.Core;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Lodestar.Server.Security;

/// <summary>
/// The identity provider's public signing keys from a JWKS URL or file: cached, refreshed when stale or when a
/// token names an unknown key id (at most once per minimum interval), fetched with a timeout. A failed refresh
/// keeps the last good keys. Symmetric (<c>oct</c>) keys are dropped: only asymmetric keys can verify a token.
/// </summary>
internal sealed partial class JwksKeySource(JwtBearerSettings settings, HttpClient http, TimeProvider time, ILogger<JwksKeySource> logger) : IDisposable
{
    private const int MaxDocumentBytes = 1 << 20;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeySnapshot? _snapshot;

    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && !NeedsRefresh(snapshot, keyId))
        {
            return snapshot.Keys;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && !NeedsRefresh(snapshot, keyId))
            {
                return snapshot.Keys;
            }

            try
            {
                var keys = Parse(await ReadDocumentAsync(cancellationToken).ConfigureAwait(false));
                snapshot = new KeySnapshot(keys, time.GetUtcNow());
                Volatile.Write(ref _snapshot, snapshot);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or OperationCanceledException or ArgumentException or LodestarException
                && !cancellationToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, error.Message);
                if (snapshot is null)
                {
                    throw new LodestarException(ErrorKind.Unavailable, "the identity provider's signing keys are unavailable", error);
                }

                // Keep serving the last good keys, and do not retry before the minimum interval.
                snapshot = snapshot with { FetchedAt = time.GetUtcNow() - settings.JwksRefreshInterval + settings.JwksMinimumRefreshInterval };
                Volatile.Write(ref _snapshot, snapshot);
            }

            return snapshot.Keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The source owns its HTTP client (made for it alone by the composition).</summary>
    public void Dispose()
    {
        _gate.Dispose();
        http.Dispose();
    }

    private bool NeedsRefresh(KeySnapshot snapshot, string? keyId)
    {
        var age = time.GetUtcNow() - snapshot.FetchedAt;
        if (age >= settings.JwksRefreshInterval)
        {
            return true;
        }

        var known = keyId is null || snapshot.Keys.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
        return !known && age >= settings.JwksMinimumRefreshInterval;
    }

    private async Task<string> ReadDocumentAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.JwksTimeout);
        if (settings.JwksFile is { } file)
        {
            return await File.ReadAllTextAsync(file, timeout.Token).ConfigureAwait(false);
        }

        using var response = await http.GetAsync(settings.JwksUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new IOException($"the JWKS document is larger than {MaxDocumentBytes} bytes");
        }

        var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        return body.Length <= MaxDocumentBytes ? body : throw new IOException($"the JWKS document is larger than {MaxDocumentBytes} bytes");
    }

    private static List<SecurityKey> Parse(string document)
    {
        var set = new JsonWebKeySet(document) { SkipUnresolvedJsonWebKeys = true };
        var keys = new List<SecurityKey>();
        foreach (var key in set.GetSigningKeys())
        {
            if (key is AsymmetricSecurityKey || key is JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve })
            {
                keys.Add(key);
            }
        }

        return keys.Count > 0 ? keys : throw LodestarException.Invalid("the JWKS document holds no RSA or EC signing key");
    }

    private sealed record KeySnapshot(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Refreshing the JWKS failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
