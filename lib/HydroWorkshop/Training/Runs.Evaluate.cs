using HydroWorkshop.Data;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models;

namespace HydroWorkshop.Training;

// Evaluation of a run folder: a single run, an ensemble folder (seed-*/ members) or MC-dropout samples of one run,
// on the run's own basins or on others (ungauged: only their forcings and attributes reach the model).
public static partial class Runs
{
    /// <summary>
    /// Evaluates a trained run folder on "test", "validation" or "train": its best weights, its normalisation,
    /// predictions and metrics written to <c>evaluation/&lt;period&gt;/</c> (or <paramref name="name"/>). Returns
    /// the per-basin predictions (the ensemble mean for an ensemble folder or with MC-dropout).
    /// </summary>
    /// <param name="runFolder">A run folder (or an ensemble folder with seed-*/ members).</param>
    /// <param name="period">"test", "validation" or "train", as the run's config defines them.</param>
    /// <param name="log">Where the summary table goes (default the console).</param>
    /// <param name="basins">Other basins than the run's, e.g. basins not seen in training ("ungauged": the model
    /// sees only their forcings and attributes; the observations only score it). Null for the run's own.</param>
    /// <param name="mcDropout">MC-dropout samples (null: the config's ensemble.mc_dropout; 0: off).</param>
    /// <param name="source">Another data source for <paramref name="basins"/> (null: the run's).</param>
    /// <param name="name">The folder under <c>evaluation/</c>; default the period, plus the basin list's size when given.</param>
    public static IReadOnlyList<BasinPredictions> Evaluate(string runFolder, string period = "test", Action<string>? log = null,
        IReadOnlyList<string>? basins = null, int? mcDropout = null, string? source = null, string? name = null)
    {
        var (single, band) = EvaluateAny(runFolder, period, log, basins, mcDropout, source, name);
        return single ?? band!.Select(e => e.MeanPredictions).ToArray();
    }

    /// <summary>As <see cref="Evaluate"/>, returning the band per basin for an ensemble folder, MC-dropout or a run with a
    /// Gaussian head (mean, Lower/Upper, Coverage and CRPS); null for a plain single run.</summary>
    public static IReadOnlyList<IPredictionBand>? EvaluateBand(string runFolder, string period = "test", Action<string>? log = null,
        IReadOnlyList<string>? basins = null, int? mcDropout = null, string? source = null, string? name = null) =>
        EvaluateAny(runFolder, period, log, basins, mcDropout, source, name).Band;

    /// <summary>As <see cref="Evaluate"/> for an ensemble folder or with MC-dropout, returning the members, the mean
    /// and the band per basin (Coverage and CRPS in <see cref="EnsemblePredictions.Scores"/>).</summary>
    public static IReadOnlyList<EnsemblePredictions> EvaluateEnsemble(string runFolder, string period = "test", Action<string>? log = null,
        IReadOnlyList<string>? basins = null, int? mcDropout = null, string? source = null, string? name = null)
    {
        var (_, band) = EvaluateAny(runFolder, period, log, basins, mcDropout, source, name);
        return band?.All(b => b is EnsemblePredictions) == true ? band.Cast<EnsemblePredictions>().ToArray()
            : throw new InvalidOperationException(
                $"{runFolder} is not an ensemble: train it with ensemble: {{seeds: N}} or evaluate with mc_dropout samples");
    }

    /// <summary>The member run folders of an ensemble folder (<c>seed-&lt;n&gt;/</c> with a run config), in seed order; empty for a single
    /// run.</summary>
    public static IReadOnlyList<string> EnsembleMembers(string runFolder) =>
        !Directory.Exists(runFolder) ? [] : Directory.GetDirectories(runFolder, "seed-*")
            .Where(d => File.Exists(Path.Combine(d, ConfigFileName)))
            .OrderBy(d => ulong.TryParse(Path.GetFileName(d)[5..], out var seed) ? seed : ulong.MaxValue).ToArray();

    private static (IReadOnlyList<BasinPredictions>? Single, IReadOnlyList<IPredictionBand>? Band) EvaluateAny(string runFolder,
        string period,
        Action<string>? log, IReadOnlyList<string>? basins, int? mcDropout, string? source, string? name)
    {
        log ??= Console.WriteLine;
        if (period is not ("test" or "validation" or "train"))
            throw new ArgumentException($"period '{period}' is not one of test, validation, train", nameof(period));
        var config = ReadRun(runFolder);
        var request = new PredictionRequest(period, null, basins, source, RequireTargets: true);
        var predicted = PredictSamples(runFolder, config, request, mcDropout, log);
        var folder = Path.Combine(runFolder, "evaluation", name ?? (basins is null ? period
            : $"{period}-{(basins.Count == 1 ? basins[0] : $"{basins.Count}-basins")}"));
        var samples = predicted.Samples;
        var areas = BasinAreas.SquareKilometres(predicted.Source, samples[0].Select(p => p.BasinId));
        var band = predicted.Band(config);
        if (band is null)
        {
            BasinEvaluation.Write(folder, samples[0], areas);
            log(BasinEvaluation.SummaryTable(samples[0]));
            log($"predictions and metrics in {folder}");
            return (samples[0], null);
        }
        EnsembleEvaluation.Write(folder, band, areas);
        log(EnsembleEvaluation.SummaryTable(band));
        log($"{band[0].Source}: predictions with Lower/Upper and metrics in {folder}");
        return (null, band);
    }

    /// <summary>Per-basin predictions: one list per ensemble member or MC-dropout sample (or just one), and for a
    /// single run with a Gaussian head its distribution.</summary>
    private sealed record Predicted(IReadOnlyList<IReadOnlyList<BasinPredictions>> Samples, IReadOnlyList<GaussianPredictions>? Gaussian,
        IBasinSource Source)
    {
        public IReadOnlyList<IPredictionBand>? Band(RunConfig config) =>
            Samples.Count > 1 ? EnsembleEvaluation.Combine(Samples, config.Ensemble.LowerQuantile, config.Ensemble.UpperQuantile)
                : Gaussian;
    }

    /// <summary>What to predict: a named period of the run or an explicit one, on the run's basins or others, from the
    /// run's source or another (a name, a CAMELS folder or an opened source).</summary>
    private sealed record PredictionRequest(string? PeriodName, Period? Period, IReadOnlyList<string>? Basins, object? Source,
        bool RequireTargets);

    /// <summary>Predictions of a run folder: of each member for an ensemble folder (a Gaussian member contributes its mean),
    /// of each MC-dropout sample, or of the run.</summary>
    private static Predicted PredictSamples(string runFolder, RunConfig config, PredictionRequest request, int? mcDropout,
        Action<string> log)
    {
        var members = EnsembleMembers(runFolder);
        if (members.Count == 0) return PredictRun(runFolder, config, request, mcDropout ?? config.Ensemble.McDropout, log);
        var samples = new List<IReadOnlyList<BasinPredictions>>();
        IBasinSource? source = null;
        foreach (var member in members)
        {
            var predicted = PredictRun(member, ReadRun(member), request, 0, log);
            samples.Add(predicted.Samples[0]);
            source = predicted.Source;
        }
        return new Predicted(samples, null, source!);
    }

    private static Predicted PredictRun(string runFolder, RunConfig config,
        PredictionRequest request, int mcDropout, Action<string> log)
    {
        var normalisation = Normalisation.Load(Path.Combine(runFolder, NormalisationFileName));
        var source = request.Source switch
        {
            IBasinSource opened => opened,
            string text => OpenSource(config.Data with { Source = text }),
            _ => OpenSource(config.Data),
        };
        var period = request.Period ?? request.PeriodName switch
        {
            "train" => Periods(config.Data, source).Train,
            "validation" => Periods(config.Data, source).Validation,
            _ => Periods(config.Data, source).Test,
        };
        var basins = request.Basins ?? config.Data.BasinList();
        var options = Options(config, period, basins) with
        {
            RequireTargets = request.RequireTargets,
            // Without observations the targets are named as the run's normaliser names them; a source without them reads NaN.
            Targets = request.RequireTargets ? config.Data.Targets : normalisation.Targets.Select(t => t.Name).ToArray(),
        };
        var data = BasinDataSet.Create(source, options, normalisation);
        using var model = LoadModel(runFolder, config, data);
        if (mcDropout < 2 && model is IProbabilisticRegressor { IsGaussian: true })
        {
            var gaussian = GaussianPredictions.Predict(model, data, config.Ensemble.LowerQuantile, config.Ensemble.UpperQuantile);
            return new Predicted([gaussian.Select(g => g.MeanPredictions).ToArray()], gaussian, source);
        }
        if (mcDropout < 2) return new Predicted([BasinEvaluation.Predict(model, data)], null, source);
        if (config.Model.Dropout == 0) log($"warning: {runFolder} has dropout 0, so its {mcDropout} MC-dropout samples are identical");
        return new Predicted(EnsembleEvaluation.McDropout(model, data, mcDropout, config.Training.Seed), null, source);
    }
}
