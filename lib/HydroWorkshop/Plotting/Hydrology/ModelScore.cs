namespace HydroWorkshop.Plotting;

/// <summary>One score of several models for <see cref="HydroCharts.ModelComparison"/>.</summary>
/// <param name="Name">What is measured, e.g. <c>"mean CSI"</c>, <c>"wet RMSE"</c>.</param>
/// <param name="Unit">Its unit (<c>"cm"</c>, <c>"×"</c>), or null for a dimensionless score such as CSI or NSE.</param>
/// <param name="Values">One value per model, in the order of the chart's model names; NaN = not available.</param>
public sealed record ModelScore(string Name, string? Unit, double[] Values);
