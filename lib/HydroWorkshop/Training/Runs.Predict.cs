using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Evaluation;

namespace HydroWorkshop.Training;

// Prediction: a trained run on forcings without observations (a future period, a basin without a gauge).
public static partial class Runs
{
    /// <summary>
    /// Runs a trained run (or ensemble folder) on forcings alone and writes <c>Date,Predicted_mm_d</c> per basin (plus
    /// <c>Lower_mm_d,Upper_mm_d</c> for an ensemble, MC-dropout or a Gaussian head, and the same in m³/s where the basin
    /// area is known, <see cref="HydroWorkshop.Data.BasinAreas"/>). Observations are not needed: every day of <paramref name="period"/>
    /// with a complete input window is predicted; where the forcings hold observed discharge for the period, the file
    /// has <c>Observed_mm_d</c> and <c>Residual_mm_d</c> too, as <c>hw evaluate</c> writes.
    /// </summary>
    /// <param name="runFolder">A run folder (or an ensemble folder with seed-*/ members).</param>
    /// <param name="period">The days to predict; inputs reach seq_length − 1 days before its start.</param>
    /// <param name="basins">The basins (null: the run's basin list, or the one basin of a single forcing file).</param>
    /// <param name="log">Where the summary line goes (default the console).</param>
    /// <param name="forcings">"default", "synthetic", a CAMELS-US folder, a folder of <c>&lt;basin&gt;.csv</c> files
    /// (<c>date</c> plus the run's input columns, see <see cref="CsvBasins"/>) or one such file; null for the run's own
    /// source.</param>
    /// <param name="attributeFiles">Attribute CSVs (gauge_id plus the run's statics) for a CSV forcing folder.</param>
    /// <param name="output">A folder for <c>&lt;basin&gt;.csv</c> files, or a <c>.csv</c> file when there is one basin;
    /// default <c>&lt;run&gt;/predictions/&lt;start&gt;_&lt;end&gt;/</c>.</param>
    /// <param name="mcDropout">MC-dropout samples for a band (null: the config's ensemble.mc_dropout; 0: off).</param>
    /// <returns>The per-basin predictions (the mean where there is a band); Observed is NaN where the forcings have none.</returns>
    public static IReadOnlyList<BasinPredictions> Predict(string runFolder, Period period, string? forcings = null,
        IReadOnlyList<string>? basins = null,
        string? output = null, IReadOnlyList<string>? attributeFiles = null, Action<string>? log = null, int? mcDropout = null)
    {
        log ??= Console.WriteLine;
        var config = ReadRun(runFolder);
        var source = forcings is null ? null : OpenForcings(forcings, config, attributeFiles ?? []);
        if (basins is null && File.Exists(forcings)) basins = source!.BasinIds;                   // one <basin>.csv: that basin
        var predicted = PredictSamples(runFolder, config, new PredictionRequest(null, period, basins, source, RequireTargets: false),
            mcDropout, log);
        var samples = predicted.Samples;
        var areas = BasinAreas.SquareKilometres(predicted.Source, samples[0].Select(p => p.BasinId));
        double? Area(string id) => areas.TryGetValue(id, out var a) ? a : null;
        var band = predicted.Band(config);
        // A basin with observations in the period gets them beside the prediction (and the residual); one without, none.
        var files = samples[0].Select((p, b) => (p.BasinId,
            Text: band is null ? p.ToPredictionCsv(Area(p.BasinId))
                : band[b].ToCsv(Area(p.BasinId), withObserved: PredictionCsv.AnyObserved(band[b].Observed)))).ToArray();

        output ??= Path.Combine(runFolder, "predictions", $"{period.Start:yyyy-MM-dd}_{period.End:yyyy-MM-dd}");
        if (output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            if (files.Length != 1)
                throw new ArgumentException($"--output {output} is one CSV file but {files.Length} basins were predicted; give a folder",
                    nameof(output));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            AtomicFile.WriteAllText(output, files[0].Text);
        }
        else
        {
            Directory.CreateDirectory(output);
            foreach (var (id, text) in files) AtomicFile.WriteAllText(Path.Combine(output, id + ".csv"), text);
        }
        log(
            $"{files.Length} basin(s), {samples[0].Sum(p => p.Dates.Length)} days predicted{(band is null ? "" : $" with a band from {band[0].Source}")}; written to {output}");
        return band?.Select(e => e.MeanPredictions).ToArray() ?? samples[0];
    }

    /// <summary>A forcing source for prediction: a source name, a CAMELS-US folder, a folder of basin CSVs or one basin CSV.</summary>
    private static IBasinSource OpenForcings(string forcings, RunConfig config, IReadOnlyList<string> attributeFiles)
    {
        if (forcings is "default" or "synthetic") return OpenSource(config.Data with { Source = forcings });
        if (File.Exists(forcings) && forcings.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return new CsvBasins(forcings, attributeFiles, description: $"forcings in {forcings}");
        if (!Directory.Exists(forcings)) throw new DirectoryNotFoundException(
            $"forcings '{forcings}' is neither default, synthetic, a folder nor a <basin>.csv file");
        var isCsvFolder = Directory.EnumerateFiles(forcings, "*.csv").Any()
            && !Directory.Exists(Path.Combine(forcings, "basin_mean_forcing"));
        return isCsvFolder
            ? new CsvBasins(forcings, attributeFiles, description: $"forcings in {forcings}")
            : CamelsUs.Open(forcings, extraAttributeFolders: config.Data.ExtraAttributes);
    }
}
