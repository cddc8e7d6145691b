using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lodestar.Core;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Lodestar.Models.Providers;

/// <summary>
/// Sends one JSON request to an OpenAI-compatible endpoint: bearer key (Azure: <c>api-key</c> header), a timeout per
/// attempt, and retries with exponential backoff and jitter on 429, 5xx, connection failures and timeouts; a 429/503
/// that says when to come back (<c>Retry-After</c>) is retried after that wait instead, up to <see cref="OpenAICompatibleOptions.MaxRetryAfter"/>. Every failure surfaces as a
/// <see cref="LodestarException"/> of kind Unavailable naming the endpoint; the caller's cancellation propagates.
/// </summary>
internal sealed class OpenAICompatibleTransport
{
    private readonly HttpClient _http;
    private readonly OpenAICompatibleOptions _options;
    private readonly Uri _base;
    private readonly ResiliencePipeline _pipeline;

    public OpenAICompatibleTransport(HttpClient http, OpenAICompatibleOptions options, TimeSpan? firstRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        // Relative paths resolve under the base only when it ends with '/': ".../v1" would otherwise lose "v1".
        _base = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstRetryDelay ?? TimeSpan.FromMilliseconds(500),
                ShouldHandle = new PredicateBuilder().Handle<TransientHttpException>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is TransientHttpException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
            });
        }

        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    public string Model => _options.Model;

    public Uri Endpoint(string path) =>
        _options.AzureApiVersion is { } version ? new(_base, path + "?api-version=" + Uri.EscapeDataString(version)) : new(_base, path);

    /// <summary>Posts <paramref name="body"/> and returns the successful response; with <paramref name="headersOnly"/> the body is left to stream.</summary>
    public async Task<HttpResponseMessage> PostAsync<T>(string path, T body, JsonTypeInfo<T> type, bool headersOnly, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(path);
        var json = JsonSerializer.Serialize(body, type);
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    if (!string.IsNullOrEmpty(_options.ApiKey) && _options.UsesApiKeyHeader)
                    {
                        request.Headers.Add("api-key", _options.ApiKey);
                    }
                    else if (!string.IsNullOrEmpty(_options.ApiKey))
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                    }

                    var response = await _http.SendAsync(request, headersOnly ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    var status = response.StatusCode;
                    var detail = await ReadDetailAsync(response, token).ConfigureAwait(false);
                    var retryAfter = RetryAfter(response);
                    response.Dispose();
                    if (retryAfter > _options.MaxRetryAfter)
                    {
                        throw new LodestarException(ErrorKind.Unavailable, $"{endpoint} asked to retry after {retryAfter.Value.TotalSeconds:0} s (more than {_options.MaxRetryAfter.TotalSeconds:0} s): {(int)status} {status}{detail}");
                    }

                    if (status == HttpStatusCode.TooManyRequests || (int)status >= 500)
                    {
                        throw new TransientHttpException($"{(int)status} {status}{detail}", retryAfter);
                    }

                    throw new LodestarException(ErrorKind.Unavailable, $"{endpoint} refused the request: {(int)status} {status}{detail}");
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new LodestarException(ErrorKind.Unavailable, $"{endpoint} did not answer within {_options.Timeout.TotalSeconds:0.###} s (after {_options.MaxRetries} retries)", ex);
        }
        catch (Exception ex) when (ex is TransientHttpException or HttpRequestException)
        {
            throw new LodestarException(ErrorKind.Unavailable, $"{endpoint} failed after {_options.MaxRetries} retries: {ex.Message}", ex);
        }
    }

    public LodestarException Malformed(string path, string what, Exception? inner = null) =>
        new(ErrorKind.Unavailable, $"{Endpoint(path)} returned a malformed response: {what}", inner);

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // A short excerpt of the server's error helps; a whole HTML error page does not.
        return string.IsNullOrWhiteSpace(text) ? string.Empty : ": " + (text.Length > 200 ? text[..200] + "…" : text).ReplaceLineEndings(" ");
    }

    /// <summary>The wait a 429 or 503 asks for, as seconds or an HTTP date; null when absent or on other statuses.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }

    private sealed class TransientHttpException(string message, TimeSpan? retryAfter) : Exception(message)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}
