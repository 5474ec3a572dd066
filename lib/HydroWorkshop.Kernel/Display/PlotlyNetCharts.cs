using System.Collections.Concurrent;
using System.Reflection;
using HydroWorkshop.Plotting;

namespace HydroWorkshop.Kernel.Display;

/// <summary>
/// Plotly.NET charts (<c>GenericChart</c>, from <c>#r "nuget: Plotly.NET"</c> or Plotly.NET.CSharp) shown like the
/// workshop's own figures: the figure JSON from Plotly.NET's own <c>GenericChart.toJson</c> (<c>{data, layout,
/// config}</c>) rendered through <see cref="PlotlyFigureJson"/>, so plotly.js is inlined, never fetched from a CDN.
/// </summary>
/// <remarks>
/// Found by reflection rather than a package reference: Plotly.NET 6 pins FSharp.Core 10.1, and a kernel that
/// referenced it would force that FSharp.Core (and that Plotly.NET) on every notebook, which is exactly why the
/// .NET Interactive kernel cannot load Plotly.NET 6 or Deedle 8. The kernel stays independent of both; the
/// notebook's <c>#r</c> decides the versions.
/// </remarks>
public static class PlotlyNetCharts
{
    private const string ChartTypeName = "Plotly.NET.GenericChart";

    /// <summary>The <c>toJson(GenericChart)</c> method per loaded Plotly.NET assembly (null: that build has none).</summary>
    private static readonly ConcurrentDictionary<Assembly, MethodInfo?> ToJsonMethods = new();

    /// <summary>Whether <paramref name="value"/> is a Plotly.NET chart (a subclass of <c>Plotly.NET.GenericChart</c>).</summary>
    public static bool IsChart(object value) => ChartType(value.GetType()) is not null;

    /// <summary>The chart as a figure, or null when <paramref name="value"/> is not a Plotly.NET chart.</summary>
    /// <exception cref="InvalidOperationException">A Plotly.NET build without <c>GenericChart.toJson</c>, or it failed.</exception>
    public static PlotlyFigureJson? ToFigure(object value)
    {
        var chartType = ChartType(value.GetType());
        if (chartType is null) return null;
        var toJson = ToJsonMethods.GetOrAdd(chartType.Assembly, _ => FindToJson(chartType))
            ?? throw new InvalidOperationException(
                $"this Plotly.NET ({chartType.Assembly.GetName().Version}) has no GenericChart.toJson(GenericChart); Plotly.NET 2 to 6 have it");
        string json;
        try
        {
            json = (string?)toJson.Invoke(null, [value]) ?? throw new InvalidOperationException("GenericChart.toJson returned null");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException(
                $"Plotly.NET's GenericChart.toJson failed: {e.InnerException.GetType().Name}: {e.InnerException.Message}",
                e.InnerException);
        }
        return new PlotlyFigureJson(json, "Plotly.NET chart");
    }

    private static Type? ChartType(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.FullName == ChartTypeName) return type;
        return null;
    }

    /// <summary>F# compiles the <c>GenericChart</c> module's functions as static methods of the chart type itself
    /// (Plotly.NET 6) or of a <c>GenericChartModule</c> class (older builds): either is accepted.</summary>
    private static MethodInfo? FindToJson(Type chartType)
    {
        static MethodInfo? On(Type? owner, Type chart) =>
            owner?.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
                m.Name == "toJson" && m.ReturnType == typeof(string) && m.GetParameters() is [var p] && p.ParameterType == chart);
        return On(chartType, chartType) ?? On(chartType.Assembly.GetType(ChartTypeName + "Module"), chartType);
    }
}
