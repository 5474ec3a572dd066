namespace HydroWorkshop.Plotting;

/// <summary>How an animated depth map stores its frames.</summary>
public enum MapEncoding
{
    /// <summary><see cref="Exact"/> when it fits <see cref="DepthAnimationOptions.SizeBudgetBytes"/>, else <see cref="Compact"/>.</summary>
    Auto,

    /// <summary>float32 values (base64): exact hover values, about 5.3 bytes per cell and frame.</summary>
    Exact,

    /// <summary>8-bit levels (base64, 255 colour levels): about 1.3 bytes per cell and frame; the colour bars are
    /// labelled in metres and hover shows the level and its step.</summary>
    Compact,
}

/// <summary>Options of <see cref="HydroCharts.DepthAnimation"/>.</summary>
public sealed record DepthAnimationOptions
{
    /// <summary>Figure title.</summary>
    public string Title { get; init; } = "Water depth: solver vs model";

    /// <summary>Frame encoding.</summary>
    public MapEncoding Encoding { get; init; } = MapEncoding.Auto;

    /// <summary>Figure-data budget for <see cref="MapEncoding.Auto"/>, bytes.</summary>
    public long SizeBudgetBytes { get; init; } = 5_000_000;

    /// <summary>Time each frame is shown while playing, ms.</summary>
    public int FrameDurationMs { get; init; } = 100;

    /// <summary>Depth (m) at or below which a cell is dry (drawn empty).</summary>
    public double DryThreshold { get; init; } = 1e-3;

    /// <summary>Unit of the frame times shown on the slider.</summary>
    public string TimeUnit { get; init; } = "s";

    /// <summary>Panel titles: reference (solver), prediction (model), difference.</summary>
    public (string Reference, string Prediction, string Difference) PanelTitles { get; init; } = ("solver", "model", "model − solver");

    /// <summary>Figure height in px; null sizes it to the maps' aspect ratio (for a figure about 1000 px wide).</summary>
    public int? Height { get; init; }
}
