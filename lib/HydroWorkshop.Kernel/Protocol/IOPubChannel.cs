using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Display;
using NetMQ;
using NetMQ.Sockets;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>
/// The IOPub PUB socket behind a queue: cell threads, the stream timer and the control thread publish from
/// anywhere, one sender thread owns the socket. As an <see cref="IOutputSink"/> it publishes under the
/// header of the request being executed.
/// </summary>
public sealed class IOPubChannel : IOutputSink, IDisposable
{
    private readonly BlockingCollection<JupyterMessage> queue = new();
    private readonly Thread sender;
    private readonly string session;
    private JupyterMessage? parent;

    internal IOPubChannel(PublisherSocket socket, WireCodec codec, string session)
    {
        this.session = session;
        sender = new Thread(() =>
        {
            foreach (var message in queue.GetConsumingEnumerable()) socket.SendMultipartBytes(codec.Encode(message));
        }) { IsBackground = true, Name = "iopub" };
        sender.Start();
    }

    /// <summary>The request whose outputs are being published.</summary>
    public JupyterMessage? Parent
    {
        get => Volatile.Read(ref parent);
        set => Volatile.Write(ref parent, value);
    }

    public void Publish(string messageType, JsonObject content, JupyterMessage? parentMessage)
    {
        var message = JupyterMessage.Create(messageType, content, session, parentMessage, route: false);
        // IOPub topic: the message type, as ipykernel does (subscribers take everything).
        message.Identities.Add(System.Text.Encoding.UTF8.GetBytes($"kernel.{session}.{messageType}"));
        if (!queue.IsAddingCompleted)
        {
            try { queue.Add(message); }
            catch (InvalidOperationException) { /* shutting down */ }
        }
    }

    public void Status(string state, JupyterMessage? parentMessage) =>
        Publish("status", new JsonObject { ["execution_state"] = state }, parentMessage);

    public void Stream(string name, string text) =>
        Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }, Parent);

    public void DisplayData(JsonObject data, string? displayId, bool update) =>
        Publish(update ? "update_display_data" : "display_data", new JsonObject
        {
            ["data"] = data,
            ["metadata"] = new JsonObject(),
            ["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId },
        }, Parent);

    public void ClearOutput(bool wait) => Publish("clear_output", new JsonObject { ["wait"] = wait }, Parent);

    /// <summary>Sends what is queued (up to <paramref name="timeout"/>) and stops the sender.</summary>
    public void Drain(TimeSpan timeout)
    {
        queue.CompleteAdding();
        sender.Join(timeout);
    }

    public void Dispose() => queue.Dispose();
}
