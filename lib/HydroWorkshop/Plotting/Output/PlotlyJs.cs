using HydroWorkshop.Common;
namespace HydroWorkshop.Plotting;

/// <summary>The plotly.js bundle embedded in this assembly at build time (npm <c>plotly.js-dist-min</c>).</summary>
public static class PlotlyJs
{
    private const string ResourceName = "HydroWorkshop.Plotting.plotly.min.js";
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>Whether this build carries plotly.js (false only for a build made without <c>npm ci</c>).</summary>
    public static bool IsAvailable => typeof(PlotlyJs).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>The minified plotly.js source (about 4.8 MB).</summary>
    public static string Code => Source.Value;

    /// <summary>The bundled plotly.js version, read from its header comment (e.g. <c>4.1.2</c>).</summary>
    public static string Version
    {
        get
        {
            var head = Code.AsSpan(0, Math.Min(200, Code.Length));
            var at = head.IndexOf("plotly.js v");
            if (at < 0) return "unknown";
            var rest = head[(at + "plotly.js v".Length)..];
            var end = rest.IndexOfAny(" \r\n*");
            return (end < 0 ? rest : rest[..end]).ToString();
        }
    }

    /// <summary>Writes <c>plotly.min.js</c> into <paramref name="folder"/> (for pages that share one copy).</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "plotly.min.js");
        AtomicFile.WriteAllText(path, Code);
        return path;
    }

    private static string Load()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                "this build of HydroWorkshop has no plotly.js embedded: run `npm ci` in lib/HydroWorkshop " +
                "(scripts/setup.sh does it) and rebuild");
        using var reader = new StreamReader(stream);
        var code = reader.ReadToEnd();
        // Inlined into <script>; a closing tag inside would end the element early.
        if (code.Contains("</script", StringComparison.OrdinalIgnoreCase) || code.Contains("<script", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("the embedded plotly.js contains a <script> tag and cannot be inlined into HTML");
        return code;
    }
}
