namespace HydroWorkshop.Surrogates;

/// <summary>
/// The skill of a predicted sequence of depth maps against the observed (or solver) one; every field is
/// defined, with its formula and source, by the function of the same name in <see cref="MapMetrics"/>.
/// A score that the data leave undefined (no wet cell for <see cref="WetRmse"/>, nothing flooded for
/// <see cref="Csi"/>) is NaN, never a silent 0 or 1; a prediction that holds NaN or ±∞ where the
/// observation is valid makes every score NaN, so a diverged model cannot look good.
/// </summary>
/// <param name="Rmse">Depth RMSE over all valid cell-times, m.</param>
/// <param name="Mae">Depth MAE over all valid cell-times, m.</param>
/// <param name="WetRmse">Depth RMSE over the wet cell-times (observed or predicted above the threshold), m.</param>
/// <param name="WetMae">Depth MAE over the wet cell-times, m.</param>
/// <param name="MaxDepthError">The largest absolute error of the maximum-depth map (per-cell maximum over time), m.</param>
/// <param name="Csi">Critical success index H/(H+M+F), 0..1.</param>
/// <param name="Pod">Probability of detection (hit rate) H/(H+M), 0..1.</param>
/// <param name="Far">False-alarm ratio F/(H+F), 0..1 (0 is best).</param>
/// <param name="F1">F1 score 2H/(2H+M+F), 0..1.</param>
/// <param name="WetCells">How many cell-times are wet (observed or predicted above the threshold) = H + M + F.</param>
public sealed record MapScores(double Rmse, double Mae, double WetRmse, double WetMae, double MaxDepthError,
    double Csi, double Pod, double Far, double F1, int WetCells);

/// <summary>
/// The 2×2 contingency table of wet/dry at a depth threshold, counted over cell-times (a cell at one time
/// step). Wet means depth &gt; threshold.
/// </summary>
/// <param name="Hits">Observed wet and predicted wet (H).</param>
/// <param name="Misses">Observed wet, predicted dry (M).</param>
/// <param name="FalseAlarms">Observed dry, predicted wet (F).</param>
/// <param name="CorrectNegatives">Observed dry and predicted dry; no score below uses it, since a large dry
/// domain would otherwise inflate the skill (Stephens et al. 2014).</param>
public readonly record struct WetDryContingency(long Hits, long Misses, long FalseAlarms, long CorrectNegatives);
