using System.Net.Http.Headers;
using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Server.Security;

/// <summary>
/// Talks to the identity provider for the console's sign-in: reads its discovery document
/// (<c>/.well-known/openid-configuration</c>, cached, issuer checked) and redeems an authorization code with its PKCE
/// verifier at the token endpoint. Every endpoint must be https (plain http only on loopback).
/// </summary>
internal sealed class OidcProviderClient(JwtBearerSettings jwt, ConsoleOidcSettings settings, HttpClient http, TimeProvider time) : IDisposable
{
    private const int MaxDocumentBytes = 1 << 20;
    private static readonly TimeSpan DiscoveryLifetime = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (OidcEndpoints Endpoints, DateTimeOffset FetchedAt)? _discovery;

    public async Task<OidcEndpoints> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_discovery is { } cached && time.GetUtcNow() - cached.FetchedAt < DiscoveryLifetime)
        {
            return cached.Endpoints;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var address = new Uri(jwt.Issuer.TrimEnd('/') + "/.well-known/openid-configuration");
            using var document = await GetJsonAsync(new HttpRequestMessage(HttpMethod.Get, address), cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            // The discovery spec: the document's issuer must be exactly the one we trust, or its endpoints are not its own.
            if (!string.Equals(String(root, "issuer"), jwt.Issuer, StringComparison.Ordinal))
            {
                throw new LodestarException(ErrorKind.Unavailable, $"the identity provider's discovery document names another issuer than {jwt.Issuer}");
            }

            var endpoints = new OidcEndpoints(Endpoint(root, "authorization_endpoint"), Endpoint(root, "token_endpoint"));
            _discovery = (endpoints, time.GetUtcNow());
            return endpoints;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The id token the provider issues for <paramref name="code"/>; throws Unavailable when the provider cannot be used, Invalid when it refuses.</summary>
    public async Task<string> RedeemAsync(string code, string verifier, Uri redirectUri, CancellationToken cancellationToken)
    {
        var endpoints = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["code_verifier"] = verifier,
            ["client_id"] = settings.ClientId,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Token) { Content = new FormUrlEncodedContent(form) };
        if (settings.ClientSecret is { } secret)
        {
            // RFC 6749 §2.3.1: both halves form-encoded before Basic encoding.
            var pair = Uri.EscapeDataString(settings.ClientId) + ":" + Uri.EscapeDataString(secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair)));
        }

        using var document = await GetJsonAsync(request, cancellationToken, acceptErrorBody: true).ConfigureAwait(false);
        var root = document.RootElement;
        if (String(root, "error") is { } error)
        {
            throw LodestarException.Invalid($"the identity provider refused the code: {error}");
        }

        return String(root, "id_token") ?? throw LodestarException.Invalid("the identity provider's token response has no id_token");
    }

    public void Dispose()
    {
        _gate.Dispose();
        http.Dispose();
    }

    private async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool acceptErrorBody = false)
    {
        using (request)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                // A token endpoint answers a refused code with 400 and an OAuth error body, which the caller reports.
                if (!response.IsSuccessStatusCode && !(acceptErrorBody && (int)response.StatusCode is 400 or 401))
                {
                    throw new HttpRequestException($"{request.RequestUri} answered {(int)response.StatusCode}");
                }

                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                return body.Length <= MaxDocumentBytes ? JsonDocument.Parse(body) : throw new IOException($"{request.RequestUri} sent more than {MaxDocumentBytes} bytes");
            }
            catch (Exception failure) when (failure is HttpRequestException or IOException or JsonException
                || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new LodestarException(ErrorKind.Unavailable, $"the identity provider cannot be used right now: {failure.Message}", failure);
            }
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri Endpoint(JsonElement root, string name)
    {
        var text = String(root, name);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw new LodestarException(ErrorKind.Unavailable, $"the identity provider's {name} is missing or not https: '{text}'");
    }
}
