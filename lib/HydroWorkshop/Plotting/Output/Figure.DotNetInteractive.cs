using HydroWorkshop.Common;

namespace HydroWorkshop.Plotting;

/// <summary>In the .NET Interactive kernel a figure shows as the same offline HTML chart as in ours (see
/// <see cref="MimeBundleFormatterSource"/>), whether it is a cell's last value or passed to <c>display</c>.</summary>
[TypeFormatterSource(typeof(MimeBundleFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed partial class Figure;
