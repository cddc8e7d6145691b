using System.Buffers;
using System.Text.Json;
using Lodestar.Models.Serving;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// The predict hot path over HTTP: the body is read into a pooled buffer and decoded in place (no binding, no
/// document), and the answer is written by a per-thread <see cref="Utf8JsonWriter"/> into a per-thread buffer, then
/// sent with its Content-Length (no chunked framing). The shape is that of <see cref="PredictResult"/> under the web
/// JSON defaults (camelCase).
/// </summary>
internal static class ServingPredictHttp
{
    private const int MaxInitialBuffer = 1 << 20;
    private const int MaxKeptAnswerBuffer = 64 << 10;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The answer is written and copied out without an await in between, so one writer per thread serves every request on it.</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _answerWriter;

    public static async Task PredictAsync(string name, HttpContext context, ModelServing serving)
    {
        var cancellationToken = context.RequestAborted;
        var (buffer, length) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        PredictResult result;
        try
        {
            result = await serving.PredictRequestAsync(context.GetPrincipal(), name, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // Kestrel sends the answer when the request completes: with its Content-Length known, no flush is needed here.
        Write(context, result);
    }

    private static void Write(HttpContext context, PredictResult result)
    {
        var (buffer, writer) = _answerWriter ??= (new ArrayBufferWriter<byte>(256), new Utf8JsonWriter(Stream.Null, WriterOptions));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteAnswer(context, writer, result);
        writer.Flush();
        context.Response.ContentLength = buffer.WrittenCount;
        context.Response.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptAnswerBuffer)
        {
            // A large batch answer does not pin its buffer to the thread.
            _answerWriter = null;
        }
    }

    private static void WriteAnswer(HttpContext context, Utf8JsonWriter writer, PredictResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("endpoint"u8, result.Endpoint);
        writer.WriteString("model"u8, result.Model);
        writer.WriteNumber("version"u8, result.Version);
        writer.WriteStartArray("predictions"u8);
        var predictions = result.Predictions;
        for (var i = 0; i < predictions.Count; i++)
        {
            writer.WriteNumberValue(predictions[i]);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("explanations"u8);
        if (result.Explanations is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            // Explanations are the rare, costly path: the configured serializer keeps their shape with the rest of the API.
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            JsonSerializer.Serialize(writer, result.Explanations, options);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The whole body in one pooled array (Kestrel's body size limit bounds it), consumed as it arrives so the
    /// connection's buffer limit never stalls a large body. The caller returns the array to the shared pool.
    /// </summary>
    private static async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyReader;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 0, 256, MaxInitialBuffer));
        var length = 0;
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
                var size = checked(length + (int)read.Buffer.Length);
                if (size > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                read.Buffer.CopyTo(buffer.AsSpan(length));
                length = size;
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return (buffer, length);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
