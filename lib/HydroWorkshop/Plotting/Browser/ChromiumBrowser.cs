using System.Diagnostics;
using System.Text.Json;

namespace HydroWorkshop.Plotting;

/// <summary>
/// A headless Chromium (Debian's <c>chromium</c>) driven over the DevTools protocol: PNG export and the browser
/// tests. Start one and reuse it; each <see cref="NewPage"/> is a tab. Offline-safe flags: no network services,
/// no component updates, a fresh profile folder removed on <see cref="Dispose"/>.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private readonly Process process;
    private readonly string profile;
    private readonly DevToolsConnection connection;
    private int disposed;

    private ChromiumBrowser(Process process, string profile, DevToolsConnection connection)
    {
        this.process = process;
        this.profile = profile;
        this.connection = connection;
    }

    /// <summary>The executable: <c>$HYDROWORKSHOP_CHROMIUM</c>, else the first of /usr/bin/chromium, chromium-browser,
    /// google-chrome that exists; null when none does.</summary>
    public static string? FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HYDROWORKSHOP_CHROMIUM");
        if (!string.IsNullOrEmpty(fromEnvironment)) return File.Exists(fromEnvironment) ? fromEnvironment : null;
        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Starts headless Chromium; throws with the fix when it is not installed or does not start in time.
    /// <paramref name="webGl"/> false switches WebGL off (<c>--disable-3d-apis</c>): a browser like one on a machine
    /// without GPU or software rendering, to check that pages draw there too.</summary>
    public static ChromiumBrowser Launch(string? executable = null, TimeSpan? startTimeout = null, bool webGl = true)
    {
        executable ??= FindExecutable() ?? throw new FileNotFoundException(
            "Chromium not found (looked for $HYDROWORKSHOP_CHROMIUM, /usr/bin/chromium, chromium-browser, google-chrome): " +
            "install Debian's `chromium` (scripts/setup.d/30-plotting.sh does it)");
        if (!File.Exists(executable))
            throw new FileNotFoundException($"Chromium not found at {executable}: install Debian's `chromium` " +
                "(scripts/setup.d/30-plotting.sh does it) or point $HYDROWORKSHOP_CHROMIUM at a Chromium binary", executable);
        var profile = Path.Combine(Path.GetTempPath(), "hw-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--no-default-browser-check",
            "--allow-file-access-from-files", "--remote-debugging-port=0", "--user-data-dir=" + profile,
        }) info.ArgumentList.Add(flag);
        if (!webGl) info.ArgumentList.Add("--disable-3d-apis");
        info.ArgumentList.Add("about:blank");

        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new Queue<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) { log.Enqueue(e.Data); if (log.Count > 20) log.Dequeue(); }
            const string marker = "DevTools listening on ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) endpoint.TrySetResult(e.Data[(at + marker.Length)..].Trim());
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => endpoint.TrySetException(new InvalidOperationException(
            $"Chromium ({executable}) exited with code {SafeExitCode(process)} before it was ready:\n{string.Join("\n", Snapshot(log))}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var timeout = startTimeout ?? TimeSpan.FromSeconds(30);
        try
        {
            if (!endpoint.Task.Wait(timeout))
                throw new TimeoutException(
                    $"Chromium ({executable}) did not open its DevTools port within {timeout.TotalSeconds:0} s:\n{string.Join("\n", Snapshot(log))}");
            var url = endpoint.Task.Result;
            var connection = DevToolsConnection.ConnectAsync(new Uri(url)).GetAwaiter().GetResult();
            return new ChromiumBrowser(process, profile, connection);
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            Cleanup(process, profile);
            throw e.InnerException;
        }
        catch
        {
            Cleanup(process, profile);
            throw;
        }
    }

    /// <summary>Chromium's version string (e.g. <c>Chrome/156.0.8078.79</c>).</summary>
    public string Version =>
        connection.SendAsync("Browser.getVersion", null, null).GetAwaiter().GetResult().GetProperty("product").GetString() ?? "";

    /// <summary>Opens a tab with a <paramref name="width"/> x <paramref name="height"/> CSS-pixel viewport.</summary>
    public ChromiumPage NewPage(int width = 1000, int height = 600, double scale = 1)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var target = connection.SendAsync("Target.createTarget", new { url = "about:blank" }, null).GetAwaiter().GetResult();
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, null).GetAwaiter().GetResult();
        var page = new ChromiumPage(connection, targetId, attached.GetProperty("sessionId").GetString()!);
        page.Initialise(width, height, scale);
        return page;
    }

    /// <summary>Closes Chromium and removes its profile folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        try { connection.SendAsync("Browser.close", null, null).Wait(TimeSpan.FromSeconds(5)); }
        catch (Exception) { /* the process is killed below if it did not close */ }
        connection.Dispose();
        Cleanup(process, profile);
    }

    private static void Cleanup(Process process, string profile)
    {
        try
        {
            if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { /* never started */ }
        process.Dispose();
        // Chromium's helper processes may still write for a moment after the browser exits.
        for (var attempt = 0; attempt < 5 && Directory.Exists(profile); attempt++)
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Thread.Sleep(200); }
        }
    }

    private static string SafeExitCode(Process process)
    {
        try { return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    private static string[] Snapshot(Queue<string> log)
    {
        lock (log) return log.ToArray();
    }

    internal static JsonElement Empty { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
