using System.Reflection;
using System.Text.Json.Nodes;
using HydroWorkshop.Common;
using HydroWorkshop.Kernel.Display;
using HydroWorkshop.Kernel.Execution;
using HydroWorkshop.Kernel.Protocol;
using NetMQ;

namespace HydroWorkshop.Kernel;

public sealed partial class KernelServer
{
    private void HandleShell(JupyterMessage request)
    {
        iopub.Status("busy", request);
        try
        {
            switch (request.MessageType)
            {
                case "execute_request": Execute(request); break;
                case "shutdown_request": Shutdown(shell, request); break;
                default: HandleCommon(shell, request); break;
            }
        }
        catch (Exception e) when (e is not NetMQException)
        {
            // A kernel bug must not kill the kernel: report it as an error reply.
            KernelLog.Write($"{request.MessageType} failed: {e}");
            Reply(shell, request, request.MessageType.Replace("_request", "_reply"), new JsonObject
            {
                ["status"] = "error", ["ename"] = e.GetType().Name, ["evalue"] = e.Message, ["traceback"] = new JsonArray(e.ToString()),
            });
        }
        finally
        {
            iopub.Status("idle", request);
        }
    }

    private void HandleControl(JupyterMessage request)
    {
        iopub.Status("busy", request);
        try
        {
            switch (request.MessageType)
            {
                case "interrupt_request":
                    KernelLog.Write("interrupt requested");
                    executor.Interrupt();
                    Reply(control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request": Shutdown(control, request); break;
                default: HandleCommon(control, request); break;
            }
        }
        finally
        {
            iopub.Status("idle", request);
        }
    }

    /// <summary>Requests answered the same way on shell and control.</summary>
    private void HandleCommon(NetMQSocket socket, JupyterMessage request)
    {
        var content = request.Content;
        switch (request.MessageType)
        {
            case "kernel_info_request":
                Reply(socket, request, "kernel_info_reply", KernelInfo());
                break;
            case "is_complete_request":
                var completeness = CodeIntelligence.IsComplete(Text(content, "code"));
                var reply = new JsonObject { ["status"] = completeness.Status };
                if (completeness.Status == "incomplete") reply["indent"] = completeness.Indent;
                Reply(socket, request, "is_complete_reply", reply);
                break;
            case "complete_request":
                var code = Text(content, "code");
                var completion = intelligence.Complete(code, Cursor(content, code));
                Reply(socket, request, "complete_reply", new JsonObject
                {
                    ["status"] = "ok", ["matches"] = new JsonArray([.. completion.Matches.Select(m => (JsonNode)m)]),
                    ["cursor_start"] = completion.CursorStart, ["cursor_end"] = completion.CursorEnd, ["metadata"] = new JsonObject(),
                });
                break;
            case "inspect_request":
                var source = Text(content, "code");
                var inspection = intelligence.Inspect(source, Cursor(content, source));
                Reply(socket, request, "inspect_reply", new JsonObject
                {
                    ["status"] = "ok", ["found"] = inspection.Found, ["data"] = CodeIntelligence.ToData(inspection),
                        ["metadata"] = new JsonObject(),
                });
                break;
            case "history_request":
                Reply(socket, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = history.Reply(content) });
                break;
            case "comm_info_request":
                Reply(socket, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "connect_request":
                Reply(socket, request, "connect_reply", new JsonObject
                {
                    ["shell_port"] = connection.ShellPort, ["iopub_port"] = connection.IOPubPort, ["stdin_port"] = connection.StdinPort,
                    ["control_port"] = connection.ControlPort, ["hb_port"] = connection.HeartbeatPort,
                });
                break;
            case "comm_open":
                // No comm targets: tell the front end the comm is closed at once.
                iopub.Publish("comm_close", new JsonObject { ["comm_id"] = content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() },
                    request);
                break;
            case "comm_msg" or "comm_close":
                break;
            default:
                KernelLog.Write($"unsupported message type '{request.MessageType}' ignored");
                break;
        }
    }

    private void Execute(JupyterMessage request)
    {
        var content = request.Content;
        var code = Text(content, "code");
        var silent = content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (content["store_history"]?.GetValue<bool>() ?? true);
        var stopOnError = content["stop_on_error"]?.GetValue<bool>() ?? true;
        if (storeHistory) executionCount++;
        var count = executionCount;
        if (!silent) iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);

        iopub.Parent = request;
        var cellName = storeHistory ? $"In[{count}]" : $"In[-{++unstoredCount}]";
        var outcome = executor.Execute(code, cellName);
        streams.Flush();

        string? resultText = null;
        JsonObject reply;
        if (outcome.Error is { } error)
        {
            iopub.Publish("error", new JsonObject
            {
                ["ename"] = error.Name, ["evalue"] = error.Value,
                    ["traceback"] = new JsonArray([.. error.Traceback.Select(l => (JsonNode)l)]),
            }, request);
            reply = new JsonObject
            {
                ["status"] = "error", ["execution_count"] = count, ["ename"] = error.Name, ["evalue"] = error.Value,
                ["traceback"] = new JsonArray([.. error.Traceback.Select(l => (JsonNode)l)]),
            };
        }
        else
        {
            if (outcome.HasValue && !silent)
            {
                var data = MimeFormatter.Format(outcome.Value);
                resultText = data["text/plain"]?.GetValue<string>();
                iopub.Publish("execute_result",
                    new JsonObject { ["execution_count"] = count, ["data"] = data, ["metadata"] = new JsonObject() }, request);
            }
            reply = new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(),
                ["payload"] = new JsonArray([.. outcome.Payloads.Select(p => (JsonNode)p)]),
            };
        }
        if (storeHistory) history.Add(count, code, resultText);
        // Taken before the error reply leaves: a request the front end sends after seeing the error (the next cell a
        // participant runs) must run, not be aborted, however fast it arrives.
        var queued = outcome.Error is not null && stopOnError ? TakeQueued() : [];
        Reply(shell, request, "execute_reply", reply);
        AbortQueuedExecutions(queued);
    }

    /// <summary>The shell requests already waiting (sent before the front end could see this cell's reply).</summary>
    private List<JupyterMessage> TakeQueued()
    {
        var queued = new List<JupyterMessage>();
        while (shell.HasIn)
        {
            if (Receive(shell, TimeSpan.Zero) is { } message) queued.Add(message);
        }
        return queued;
    }

    /// <summary>After an error with stop_on_error, the execute requests that were already waiting are aborted, not run;
    /// other requests among them are served.</summary>
    private void AbortQueuedExecutions(List<JupyterMessage> queued)
    {
        foreach (var message in queued)
        {
            if (message.MessageType != "execute_request")
            {
                HandleShell(message);
                continue;
            }
            iopub.Status("busy", message);
            Reply(shell, message, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount });
            iopub.Status("idle", message);
        }
    }

    private void Shutdown(NetMQSocket socket, JupyterMessage request)
    {
        var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        // Like ipykernel, the process ends either way; with restart the front end starts a fresh one.
        WorkshopCancellation.Cancel();
        Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        iopub.Publish("shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart }, request);
        stopping = true;
        // A cell that ignores the interrupt token must not keep the process alive.
        if (socket == control)
        {
            _ = Task.Run(() =>
            {
                if (!shellLoopExited.Wait(TimeSpan.FromSeconds(5)))
                {
                    KernelLog.Write("the running cell ignored the shutdown; exiting the process");
                    Environment.Exit(0);
                }
            });
        }
    }

    private JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "hydroworkshop-csharp",
        ["implementation_version"] =
            typeof(KernelServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "1.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] =
            $"C# (HydroWorkshop) - Roslyn scripting on .NET {Environment.Version} - kernel {typeof(KernelServer).Assembly.Location}",
        ["help_links"] = new JsonArray(new JsonObject { ["text"] = "HydroWorkshop kernel",
            ["url"] = "https://learn.microsoft.com/dotnet/csharp/" }),
        ["debugger"] = false,
    };

    private void Reply(NetMQSocket socket, JupyterMessage request, string messageType, JsonObject content) =>
        Send(socket, JupyterMessage.Create(messageType, content, session, request));

    private static string Text(JsonObject content, string name) => content[name]?.GetValue<string>() ?? "";

    private static int Cursor(JsonObject content, string code) =>
        content["cursor_pos"] is JsonValue value && value.TryGetValue<int>(out var cursor) ? cursor : code.Length;
}
