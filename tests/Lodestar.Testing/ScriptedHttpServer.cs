using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lodestar.Testing;

/// <summary>A real HTTP server on 127.0.0.1 whose replies a test scripts, one handler call per request.</summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<Exchange, Task> _handler;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedHttpServer(Func<Exchange, Task> handler)
    {
        _handler = handler;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public List<Exchange> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the pending GetContextAsync this way.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var exchange = new Exchange(context, await reader.ReadToEndAsync(), _stop.Token);
                lock (Requests)
                {
                    Requests.Add(exchange);
                }

                try
                {
                    await _handler(exchange);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
                {
                    // The client gave up (timeout test) or the server is stopping.
                }
                catch (Exception)
                {
                    // A broken script must fail its test, not leave the client waiting for a reply forever.
                    context.Response.Abort();
                    throw;
                }
            });
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public sealed record Exchange(HttpListenerContext Context, string Body, CancellationToken Stopping)
    {
        public string Path => Context.Request.Url!.AbsolutePath;

        public string? Authorization => Context.Request.Headers["Authorization"];

        public async Task ReplyAsync(int status, string body, string contentType = "application/json")
        {
            Context.Response.StatusCode = status;
            Context.Response.ContentType = contentType;
            var bytes = Encoding.UTF8.GetBytes(body);
            Context.Response.ContentLength64 = bytes.Length;
            await Context.Response.OutputStream.WriteAsync(bytes, Stopping);
        }

        /// <summary>Writes and flushes one piece of a chunked response, so the client sees it before the next.</summary>
        public async Task SendChunkAsync(string text)
        {
            if (!Context.Response.SendChunked)
            {
                // Headers go out with the first write; they cannot change afterwards.
                Context.Response.SendChunked = true;
                Context.Response.ContentType = "text/event-stream";
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            await Context.Response.OutputStream.WriteAsync(bytes, Stopping);
            await Context.Response.OutputStream.FlushAsync(Stopping);
        }
    }
}
