using HydroWorkshop.Common;

namespace HydroWorkshop.Training;

// Ensembles over seeds: N runs that differ only by their seed, in run_folder/seed-<seed>/.
public static partial class Runs
{
    /// <summary>Trains the ensemble the config at <paramref name="configPath"/> describes
    /// (<see cref="TrainEnsemble(RunConfig, int?, bool, Action{string}?)"/>).</summary>
    public static IReadOnlyList<TrainingResult> TrainEnsemble(string configPath, int? seeds = null, bool resume = false,
        Action<string>? log = null) =>
        TrainEnsemble(RunConfigReader.Read(configPath), seeds, resume, log);

    /// <summary>
    /// Trains <paramref name="seeds"/> (default the config's <c>ensemble: seeds:</c>) runs with seeds s, s+1, ...
    /// (s the config's training seed), each into <c>run_folder/seed-&lt;seed&gt;/</c>: the config with that run folder and
    /// seed and without its ensemble and search sections, made in memory. The ensemble folder keeps the config (with the
    /// member count), so <see cref="Evaluate"/> on it scores the mean, the quantile band, the coverage and the CRPS. With
    /// <paramref name="resume"/> finished members are kept and a stopped one resumes.
    /// </summary>
    public static IReadOnlyList<TrainingResult> TrainEnsemble(RunConfig config, int? seeds = null, bool resume = false,
        Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var count = seeds ?? config.Ensemble.Seeds;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(seeds), count, "an ensemble needs at least one seed");
        RunFolderConfig.Write(config.RunFolder,
            RunConfigReader.Write(config with { Ensemble = config.Ensemble with { Seeds = count }, Search = null }));
        var results = new List<TrainingResult>();
        for (var k = 0; k < count; k++)
        {
            var seed = config.Training.Seed + (ulong)k;
            var member = config with
            {
                RunFolder = Path.Combine(config.RunFolder, $"seed-{seed}"),
                Training = config.Training with { Seed = seed },
                Ensemble = new EnsembleConfig(),
                Search = null,
            };
            log($"ensemble member {k + 1}/{count}: seed {seed} in {member.RunFolder}");
            results.Add(Train(member, resume, log));
            if (results[^1].Cancelled) break;
        }
        return results;
    }
}
