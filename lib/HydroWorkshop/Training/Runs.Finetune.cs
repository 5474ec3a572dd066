using HydroWorkshop.Data;
using HydroWorkshop.Checkpoints;
using YamlDotNet.RepresentationModel;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

// Fine-tuning: a pretrained run's weights and normaliser, some parts frozen, more training on new basins.
public static partial class Runs
{
    // Keys of the data section that must match the pretrained model; they are taken from the pretrained run.
    private static readonly string[] PretrainedDataKeys = ["inputs", "statics", "targets", "seq_length", "predict_last_n"];

    /// <summary>
    /// Fine-tunes the pretrained run folder (<paramref name="pretrainedRunFolder"/>, else the config's
    /// <c>finetune: pretrained:</c>) on the data the config at <paramref name="configPath"/> names (e.g. one new
    /// basin and a few years): loads its best weights and its normaliser, freezes <c>finetune: freeze:</c>,
    /// trains with the config's training section, and writes a new run folder whose run_config.yml is the merged
    /// config (model and inputs of the pretrained run, the rest of this one), so it evaluates like any run.
    /// </summary>
    public static TrainingResult Finetune(string configPath, string? pretrainedRunFolder = null, bool resume = false, Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var own = RunConfigReader.Read(configPath);
        var pretrained = pretrainedRunFolder is not null ? Path.GetFullPath(pretrainedRunFolder)
            : own.Finetune?.Pretrained ?? throw new FormatException($"{configPath}: no pretrained run; add finetune: {{pretrained: RUN_FOLDER}} or run hw finetune RUN_FOLDER {configPath}");
        pretrained = EnsembleMemberToFinetune(pretrained, own.Training.Seed, configPath, log);
        var pretrainedConfigPath = Path.Combine(pretrained, ConfigFileName);
        if (!File.Exists(pretrainedConfigPath)) throw new FileNotFoundException($"pretrained run {pretrained} has no {ConfigFileName}", pretrainedConfigPath);
        foreach (var file in new[] { NormalisationFileName, BestModelFileName })
            if (!File.Exists(Path.Combine(pretrained, file))) throw new FileNotFoundException($"pretrained run {pretrained} has no {file}", Path.Combine(pretrained, file));
        if (Path.GetFullPath(own.RunFolder) == pretrained) throw new ArgumentException($"{configPath}: run_folder is the pretrained run {pretrained}; give a new folder");

        var merged = Path.Combine(own.RunFolder, ConfigFileName);
        WriteMergedConfig(configPath, pretrainedConfigPath, merged, pretrained, own.RunFolder);
        var config = RunConfigReader.Read(merged) with { RunFolder = own.RunFolder };

        var normalisation = Normalisation.Load(Path.Combine(pretrained, NormalisationFileName));
        var (train, validation, _) = LoadData(config, normalisation);
        log(train.Report.ToString());
        using var model = LoadModel(pretrained, config, train);
        var frozen = Finetuning.Freeze(model, config.Finetune?.Freeze ?? []);
        log($"fine-tuning {pretrained}: {frozen.Count} parameter tensors frozen ({model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()):N0} of {model.parameters().Sum(p => p.numel()):N0} values train)");
        return new Trainer(model, config.Training, config.RunFolder, log).Fit(train, validation, resume);
    }

    /// <summary>
    /// An ensemble folder is fine-tuned member by member: the run with seed s starts from the member
    /// <c>seed-s</c> (an ensemble fine-tune, <c>ensemble: {seeds: N}</c>, runs seeds s, s+1, ... as the pretraining
    /// did), so every member keeps what its own pretraining learned. A plain run folder is returned unchanged.
    /// </summary>
    private static string EnsembleMemberToFinetune(string pretrained, ulong seed, string configPath, Action<string> log)
    {
        var members = EnsembleMembers(pretrained);
        if (members.Count == 0) return pretrained;
        var member = Path.Combine(pretrained, $"seed-{seed}");
        if (!members.Contains(member))
            throw new ArgumentException($"{configPath}: the pretrained run {pretrained} is an ensemble of " +
                $"{string.Join(", ", members.Select(Path.GetFileName))}; the fine-tune run with seed {seed} starts from seed-{seed}, " +
                "which it lacks (set training: seed: to the first member's seed)");
        log($"{pretrained} is an ensemble: fine-tuning its member seed-{seed}");
        return member;
    }

    /// <summary>The fine-tune config with the pretrained run's preset, model section and data keys that fix the
    /// model's shape; finetune.pretrained made absolute. Idempotent, so the merged file can be its own source.</summary>
    private static void WriteMergedConfig(string configPath, string pretrainedConfigPath, string destination, string pretrained, string runFolder)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(pretrainedConfigPath)));
        var source = (YamlMappingNode)stream.Documents[0].RootNode;
        RunConfigReader.WriteVariant(configPath, destination,
            new Dictionary<string, string> { ["run_folder"] = runFolder, ["finetune.pretrained"] = pretrained },
            ["model", "preset", "search", "ensemble"],
            root =>
            {
                foreach (var key in new[] { "model", "preset" })
                    if (source.Children.TryGetValue(new YamlScalarNode(key), out var node)) root.Children[new YamlScalarNode(key)] = node;
                var data = root.Children.TryGetValue(new YamlScalarNode("data"), out var d) && d is YamlMappingNode m ? m : new YamlMappingNode();
                root.Children[new YamlScalarNode("data")] = data;
                var pretrainedData = source.Children.TryGetValue(new YamlScalarNode("data"), out var pd) && pd is YamlMappingNode pm ? pm : new YamlMappingNode();
                foreach (var key in PretrainedDataKeys)
                {
                    var name = new YamlScalarNode(key);
                    if (pretrainedData.Children.TryGetValue(name, out var value)) data.Children[name] = value;
                    else data.Children.Remove(name);
                }
            });
    }
}
