using HydroWorkshop.Common;
using HydroWorkshop.Data;

namespace HydroWorkshop.Training;

// Fine-tuning: a pretrained run's weights and normaliser, some parts frozen, more training on new basins.
public static partial class Runs
{
    /// <summary>Fine-tunes with the config at <paramref name="configPath"/>
    /// (<see cref="Finetune(RunConfig, string?, bool, Action{string}?)"/>).</summary>
    public static TrainingResult Finetune(string configPath, string? pretrainedRunFolder = null, bool resume = false,
        Action<string>? log = null) =>
        Finetune(RunConfigReader.Read(configPath), pretrainedRunFolder, resume, log, configPath);

    /// <summary>
    /// Fine-tunes the pretrained run folder (<paramref name="pretrainedRunFolder"/>, else the config's
    /// <c>finetune: pretrained:</c>) on the data <paramref name="own"/> names (e.g. one new basin and a few years): loads
    /// its best weights and its normaliser, freezes <c>finetune: freeze:</c>, trains with the config's training section,
    /// and writes a new run folder whose run_config.yml is the merged config (<see cref="MergeFinetune"/>), so it
    /// evaluates like any run.
    /// </summary>
    public static TrainingResult Finetune(RunConfig own, string? pretrainedRunFolder = null, bool resume = false,
        Action<string>? log = null) =>
        Finetune(own, pretrainedRunFolder, resume, log, $"the config of run {own.RunFolder}");

    // origin names the config in errors: its file, or the run it describes.
    private static TrainingResult Finetune(RunConfig own, string? pretrainedRunFolder, bool resume, Action<string>? log, string origin)
    {
        log ??= Console.WriteLine;
        var pretrained = pretrainedRunFolder is not null ? Path.GetFullPath(pretrainedRunFolder)
            : own.Finetune?.Pretrained ?? throw new FormatException(
                $"{origin}: no pretrained run; add finetune: {{pretrained: RUN_FOLDER}} or run hw finetune RUN_FOLDER CONFIG.yml");
        pretrained = EnsembleMemberToFinetune(pretrained, own.Training.Seed, origin, log);
        var pretrainedConfigPath = Path.Combine(pretrained, ConfigFileName);
        if (!File.Exists(pretrainedConfigPath)) throw new FileNotFoundException($"pretrained run {pretrained} has no {ConfigFileName}",
            pretrainedConfigPath);
        foreach (var file in new[] { NormalisationFileName, BestModelFileName })
            if (!File.Exists(Path.Combine(pretrained, file))) throw new FileNotFoundException($"pretrained run {pretrained} has no {file}",
                Path.Combine(pretrained, file));
        if (Path.GetFullPath(own.RunFolder) == pretrained) throw new ArgumentException(
            $"{origin}: run_folder is the pretrained run {pretrained}; give a new folder");

        var config = MergeFinetune(own, ReadRun(pretrained), pretrained);
        RunFolderConfig.Write(config.RunFolder, RunConfigReader.Write(config));
        var normalisation = Normalisation.Load(Path.Combine(pretrained, NormalisationFileName));
        var (train, validation, _) = LoadData(config, normalisation);
        log(train.Report.ToString());
        using var model = LoadModel(pretrained, config, train);
        var frozen = Finetuning.Freeze(model, config.Finetune?.Freeze ?? []);
        log(
            $"fine-tuning {pretrained}: {frozen.Count} parameter tensors frozen ({model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()):N0} of {model.parameters().Sum(p => p.numel()):N0} values train)");
        return new Trainer(model, config.Training, config.RunFolder, log).Fit(train, validation, resume);
    }

    /// <summary>
    /// The fine-tune run's config: the model and the data keys that fix the model's shape (inputs, statics, targets,
    /// seq_length, predict_last_n) of the pretrained run, the rest (source, basins, periods, training, freeze, run folder)
    /// of <paramref name="own"/>; <c>finetune: pretrained:</c> the pretrained folder, no ensemble seeds and no search. Made in
    /// memory; the result fine-tunes the same run again when trained (it is its own source).
    /// </summary>
    internal static RunConfig MergeFinetune(RunConfig own, RunConfig pretrainedConfig, string pretrained) => own with
    {
        Model = pretrainedConfig.Model,
        Data = own.Data with
        {
            Inputs = pretrainedConfig.Data.Inputs,
            Statics = pretrainedConfig.Data.Statics,
            Targets = pretrainedConfig.Data.Targets,
            SequenceLength = pretrainedConfig.Data.SequenceLength,
            PredictLastN = pretrainedConfig.Data.PredictLastN,
        },
        Finetune = (own.Finetune ?? new FinetuneConfig()) with { Pretrained = pretrained },
        Ensemble = new EnsembleConfig(),
        Search = null,
    };

    /// <summary>
    /// An ensemble folder is fine-tuned member by member: the run with seed s starts from the member
    /// <c>seed-s</c> (an ensemble fine-tune, <c>ensemble: {seeds: N}</c>, runs seeds s, s+1, ... as the pretraining
    /// did), so every member keeps what its own pretraining learned. A plain run folder is returned unchanged.
    /// </summary>
    private static string EnsembleMemberToFinetune(string pretrained, ulong seed, string origin, Action<string> log)
    {
        var members = EnsembleMembers(pretrained);
        if (members.Count == 0) return pretrained;
        var member = Path.Combine(pretrained, $"seed-{seed}");
        if (!members.Contains(member))
            throw new ArgumentException($"{origin}: the pretrained run {pretrained} is an ensemble of " +
                $"{string.Join(", ", members.Select(Path.GetFileName))}; the fine-tune run with seed {seed} starts from seed-{seed}, " +
                "which it lacks (set training: seed: to the first member's seed)");
        log($"{pretrained} is an ensemble: fine-tuning its member seed-{seed}");
        return member;
    }
}
