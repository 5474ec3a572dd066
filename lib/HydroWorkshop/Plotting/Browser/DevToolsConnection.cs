using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace HydroWorkshop.Plotting;

/// <summary>One WebSocket to Chromium's DevTools endpoint, multiplexing flat sessions (one per tab).</summary>
internal sealed class DevToolsConnection : IDisposable
{
    private readonly ClientWebSocket socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonElement>> eventHandlers = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private int nextId;

    private DevToolsConnection(ClientWebSocket socket)
    {
        this.socket = socket;
        _ = Task.Run(ReceiveLoopAsync);
    }

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        return new DevToolsConnection(socket);
    }

    /// <summary>Events of one session (method, params).</summary>
    public void OnEvents(string sessionId, Action<string, JsonElement>? handler)
    {
        if (handler is null) eventHandlers.TryRemove(sessionId, out _);
        else eventHandlers[sessionId] = handler;
    }

    /// <summary>Sends a command and returns its <c>result</c>; throws with Chromium's message on error.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters, string? sessionId, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new Dictionary<string, object?> { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await sendLock.WaitAsync().ConfigureAwait(false);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false); }
        finally { sendLock.Release(); }
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var finished = await Task.WhenAny(reply.Task, Task.Delay(limit)).ConfigureAwait(false);
        if (finished != reply.Task)
        {
            pending.TryRemove(id, out _);
            throw new TimeoutException($"Chromium did not answer {method} within {limit.TotalSeconds:0} s");
        }
        return await reply.Task.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        foreach (var (_, reply) in pending)
            reply.TrySetException(new InvalidOperationException("the connection to Chromium closed (did the browser crash?)"));
    }

    private void Dispatch(ReadOnlyMemory<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (!pending.TryRemove(idElement.GetInt32(), out var reply)) return;
            if (root.TryGetProperty("error", out var error))
                reply.TrySetException(new InvalidOperationException($"Chromium: {error.GetProperty("message").GetString()}"));
            else
                reply.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : ChromiumBrowser.Empty);
            return;
        }
        if (root.TryGetProperty("sessionId", out var session) && root.TryGetProperty("method", out var method)
            && eventHandlers.TryGetValue(session.GetString()!, out var handler))
        {
            handler(method.GetString()!, root.TryGetProperty("params", out var p) ? p.Clone() : ChromiumBrowser.Empty);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        try { socket.Abort(); } catch (WebSocketException) { }
        socket.Dispose();
    }
}
