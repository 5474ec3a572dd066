using System.Text.Json;

namespace HydroWorkshop.Plotting;

/// <summary>A browser tab: load a figure or URL, run JavaScript, take screenshots. Script errors and console
/// errors of the page are collected in <see cref="Errors"/>.</summary>
public sealed class ChromiumPage : IDisposable
{
    private readonly DevToolsConnection connection;
    private readonly string targetId;
    private readonly string sessionId;
    private readonly List<string> errors = [];
    private string? folder;
    private bool disposed;

    internal ChromiumPage(DevToolsConnection connection, string targetId, string sessionId)
    {
        this.connection = connection;
        this.targetId = targetId;
        this.sessionId = sessionId;
        connection.OnEvents(sessionId, OnEvent);
    }

    /// <summary>Uncaught exceptions and <c>console.error</c> messages since the last navigation.</summary>
    public IReadOnlyList<string> Errors { get { lock (errors) return errors.ToArray(); } }

    /// <summary>The last plot's timings from the page: JSON parse and <c>Plotly.newPlot</c> (first frame drawn), ms.</summary>
    public PlotTimings? LastTimings { get; private set; }

    /// <summary>Writes the figure as a self-contained HTML file, opens it and waits until plotly.js has drawn it.</summary>
    public void Load(Figure figure, TimeSpan? timeout = null)
    {
        folder ??= Directory.CreateTempSubdirectory("hw-page-").FullName;
        var path = figure.SaveHtml(Path.Combine(folder, "figure.html"));
        LoadHtmlFile(path, timeout);
    }

    /// <summary>Opens a chart HTML file made by <see cref="Figure.SaveHtml"/> and waits until it is drawn.</summary>
    public void LoadHtmlFile(string path, TimeSpan? timeout = null)
    {
        Navigate(new Uri(Path.GetFullPath(path)).AbsoluteUri);
        WaitForPlot(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Navigates to <paramref name="url"/>; throws when Chromium cannot open it.</summary>
    public void Navigate(string url)
    {
        lock (errors) errors.Clear();
        LastTimings = null;
        var result = Send("Page.navigate", new { url });
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
            throw new InvalidOperationException($"Chromium could not open {url}: {text}");
    }

    /// <summary>Evaluates a JavaScript expression (awaiting a promise) and returns its JSON value.</summary>
    public JsonElement Evaluate(string expression, TimeSpan? timeout = null)
    {
        var result = Send("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, timeout);
        if (result.TryGetProperty("exceptionDetails", out var details))
        {
            var message = details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var d)
                ? d.GetString() : details.GetProperty("text").GetString();
            throw new InvalidOperationException($"JavaScript error: {message}");
        }
        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v : ChromiumBrowser.Empty;
    }

    /// <summary>A PNG of the viewport.</summary>
    public byte[] Screenshot()
    {
        var result = Send("Page.captureScreenshot", new { format = "png" });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    /// <summary>Closes the tab and removes its temporary files.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        connection.OnEvents(sessionId, null);
        try { connection.SendAsync("Target.closeTarget", new { targetId }, null, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { /* browser already gone */ }
        if (folder is not null)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    internal void Initialise(int width, int height, double scale)
    {
        Send("Page.enable", null);
        Send("Runtime.enable", null);
        Send("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = scale, mobile = false });
    }

    private void WaitForPlot(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = Evaluate("window.hwPlot === undefined ? null : window.hwPlot");
            if (state.ValueKind == JsonValueKind.Object)
            {
                if (state.GetProperty("ready").GetBoolean())
                {
                    LastTimings = new PlotTimings(state.GetProperty("parseMs").GetDouble(), state.GetProperty("renderMs").GetDouble(),
                        state.GetProperty("sinceStartMs").GetDouble());
                    return;
                }
                throw new InvalidOperationException(
                    $"plotly.js could not draw the figure: {state.GetProperty("error").GetString()}{ErrorSuffix()}");
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the chart was not drawn within {timeout.TotalSeconds:0} s{ErrorSuffix()}");
            Thread.Sleep(25);
        }
    }

    private string ErrorSuffix() => Errors.Count == 0 ? "" : "; page errors: " + string.Join(" | ", Errors);

    private JsonElement Send(string method, object? parameters, TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return connection.SendAsync(method, parameters, sessionId, timeout).GetAwaiter().GetResult();
    }

    private void OnEvent(string method, JsonElement parameters)
    {
        string? message = method switch
        {
            "Runtime.exceptionThrown" => parameters.GetProperty("exceptionDetails") is var d && d.TryGetProperty("exception", out var e)
                && e.TryGetProperty("description", out var text) ? text.GetString() : d.GetProperty("text").GetString(),
            "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() == "error" =>
                string.Join(" ", parameters.GetProperty("args").EnumerateArray()
                    .Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var ds)
                        ? ds.GetString() : "?")),
            _ => null,
        };
        if (message is not null) lock (errors) errors.Add(message);
    }
}

/// <summary>Times measured inside the page, ms: parsing the figure JSON, <c>Plotly.newPlot</c> until the first
/// frame is drawn, and from page start (including parsing plotly.js itself) until then.</summary>
public sealed record PlotTimings(double ParseMs, double RenderMs, double SincePageStartMs);
