using System.Globalization;

namespace HydroWorkshop.Training;

// Ensembles over seeds: N runs that differ only by their seed, in run_folder/seed-<seed>/.
public static partial class Runs
{
    /// <summary>
    /// Trains <paramref name="seeds"/> (default the config's <c>ensemble: seeds:</c>) runs with seeds s, s+1, ...
    /// (s the config's training seed), each into <c>run_folder/seed-&lt;seed&gt;/</c> with its own run_config.yml;
    /// the ensemble folder gets the config too, so <see cref="Evaluate"/> on it scores the mean, the quantile band,
    /// the coverage and the CRPS. With <paramref name="resume"/> finished members are kept and a stopped one resumes.
    /// </summary>
    public static IReadOnlyList<TrainingResult> TrainEnsemble(string configPath, int? seeds = null, bool resume = false, Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var config = RunConfigReader.Read(configPath);
        var count = seeds ?? config.Ensemble.Seeds;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(seeds), count, "an ensemble needs at least one seed");
        Directory.CreateDirectory(config.RunFolder);
        var top = Path.Combine(config.RunFolder, ConfigFileName);
        if (Path.GetFullPath(top) != Path.GetFullPath(configPath))
            RunConfigReader.WriteVariant(configPath, top, new Dictionary<string, string> { ["ensemble.seeds"] = count.ToString(CultureInfo.InvariantCulture) }, ["search"]);
        var results = new List<TrainingResult>();
        for (var k = 0; k < count; k++)
        {
            var seed = config.Training.Seed + (ulong)k;
            var member = Path.Combine(config.RunFolder, $"seed-{seed}");
            var memberConfig = Path.Combine(member, ConfigFileName);
            RunConfigReader.WriteVariant(configPath, memberConfig, new Dictionary<string, string>
            {
                ["run_folder"] = member,
                ["training.seed"] = seed.ToString(CultureInfo.InvariantCulture),
            }, ["ensemble", "search"]);
            log($"ensemble member {k + 1}/{count}: seed {seed} in {member}");
            results.Add(Train(memberConfig, resume, log));
            if (results[^1].Cancelled) break;
        }
        return results;
    }
}
