using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Display;

/// <summary>Where a cell's output goes: the kernel's IOPub channel (under the current request's header),
/// or a recorder in tests.</summary>
public interface IOutputSink
{
    /// <summary>Text written to <c>stdout</c> or <c>stderr</c>.</summary>
    void Stream(string name, string text);

    /// <summary>A MIME bundle: a new display (<paramref name="update"/> false) or a replacement of the
    /// display with <paramref name="displayId"/>.</summary>
    void DisplayData(JsonObject data, string? displayId, bool update);

    /// <summary>Clears the cell's output (after the next output when <paramref name="wait"/>).</summary>
    void ClearOutput(bool wait);
}
