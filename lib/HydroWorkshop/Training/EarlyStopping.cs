using System.Globalization;
using HydroWorkshop.Checkpoints;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>
/// Early stopping with the best weights, shared by every trainer (<see cref="Trainer"/>, the map and gridded trainers):
/// it takes each validation's score (lower is better: a loss, a wet-cell RMSE, or a negated NSE or CSI), keeps a copy
/// of the weights of the best epoch in memory and, with a run folder, in <c>best_model.safetensors</c>, counts the
/// validations since the last improvement against the patience, and puts the best weights back at the end.
/// Its counters travel in the last checkpoint (<see cref="SaveCheckpoint"/>, <see cref="LoadCheckpoint"/>), so a
/// resumed run stops where the uninterrupted one would.
/// <code>
/// using var stopping = new EarlyStopping(model, config.Patience, config.MinEpochs, hasValidation: true, "run/best_model.safetensors");
/// for (var epoch = 1; epoch &lt;= config.Epochs; epoch++)
/// {
///     ... train ...
///     stopping.Record(epoch, validationLoss);        // null when this epoch did not validate
///     if (stopping.ShouldStop(epoch)) break;
/// }
/// stopping.RestoreBest(lastEpoch);
/// </code>
/// </summary>
public sealed class EarlyStopping : IDisposable
{
    private readonly nn.Module model;
    private readonly int? patience;
    private readonly int minEpochs;
    private readonly bool hasValidation;
    private readonly string? bestModelPath;
    private Dictionary<string, Tensor>? best;

    /// <param name="model">The model whose weights are kept.</param>
    /// <param name="patience">Validations without improvement after which <see cref="ShouldStop"/> says stop; null: never.</param>
    /// <param name="minEpochs">No stop before this epoch.</param>
    /// <param name="hasValidation">False: there is no validation data, and every epoch counts as the best so far
    /// (the model ends with its last weights).</param>
    /// <param name="bestModelPath">Where the best weights are also written (atomically), or null.</param>
    public EarlyStopping(nn.Module model, int? patience, int minEpochs, bool hasValidation, string? bestModelPath = null)
    {
        if (patience is < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience,
            "patience must be at least 1 validation (or null for none)");
        this.model = model;
        this.patience = patience;
        this.minEpochs = minEpochs;
        this.hasValidation = hasValidation;
        this.bestModelPath = bestModelPath;
    }

    /// <summary>The epoch whose weights are the best so far (0 before the first).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best validation score so far (lower is better), or null.</summary>
    public double? BestScore { get; private set; }

    /// <summary>Validations since the best one.</summary>
    public int BadValidations { get; private set; }

    /// <summary>Takes the score of <paramref name="epoch"/> (null when it did not validate) and returns whether it is
    /// the new best; if so, its weights are kept. A score that is not finite never improves.</summary>
    public bool Record(int epoch, double? score)
    {
        var improved = score is { } s ? double.IsFinite(s) && (BestScore is null || s < BestScore) : !hasValidation;
        if (improved)
        {
            (BestEpoch, BestScore, BadValidations) = (epoch, score, 0);
            Keep();
        }
        else if (score is not null)
        {
            BadValidations++;
        }
        return improved;
    }

    /// <summary>True when the patience has run out and <paramref name="epoch"/> is at least the minimum.</summary>
    public bool ShouldStop(int epoch) => patience is { } p && epoch >= minEpochs && BadValidations >= p;

    /// <summary>Puts the best weights back into the model unless <paramref name="lastEpoch"/> was the best: from
    /// memory, or after a resumption without a better epoch since, from <c>best_model.safetensors</c>.</summary>
    public void RestoreBest(int? lastEpoch)
    {
        if (BestEpoch == 0 || BestEpoch == lastEpoch) return;
        using var scope = NewDisposeScope();
        if (best is not null)
        {
            using var noGrad = no_grad();
            foreach (var (name, value) in model.state_dict()) value.copy_(best[name]);
        }
        else if (bestModelPath is not null && File.Exists(bestModelPath))
        {
            Checkpoint.LoadInto(bestModelPath, model.state_dict());
        }
    }

    /// <summary>Writes the last checkpoint: weights, optimizer and schedule state, the epoch and these counters (atomic).</summary>
    public void SaveCheckpoint(string path, int epoch, TorchSharp.Modules.OptimizerHelper optimizer, Engine.EpochRateLR? schedule)
    {
        using var scope = NewDisposeScope();
        Checkpoint.Save(path, model.state_dict(), optimizer, schedule, new Dictionary<string, string>
        {
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["best_epoch"] = BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["best_score"] = BestScore?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            ["bad_validations"] = BadValidations.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Loads a checkpoint written by <see cref="SaveCheckpoint"/> into the model, optimizer and schedule,
    /// takes its counters, and returns its epoch. Reads the older key names too (best_loss, best_metric).</summary>
    public int LoadCheckpoint(string path, TorchSharp.Modules.OptimizerHelper optimizer, Engine.EpochRateLR? schedule)
    {
        Dictionary<string, string> metadata;
        using (NewDisposeScope()) (_, metadata) = Checkpoint.Load(path, model.state_dict(), optimizer, schedule);
        string Value(params string[] keys) => keys.Select(k => metadata.GetValueOrDefault(k)).FirstOrDefault(v => v is not null)
            ?? throw new InvalidDataException($"{path}: the checkpoint has no {keys[0]}; it was not written by a trainer");
        var bestScore = Value("best_score", "best_loss", "best_metric");
        BestEpoch = int.Parse(Value("best_epoch"), CultureInfo.InvariantCulture);
        BestScore = bestScore.Length == 0 ? null : double.Parse(bestScore, CultureInfo.InvariantCulture);
        BadValidations = int.Parse(Value("bad_validations"), CultureInfo.InvariantCulture);
        DisposeBest();                               // the best weights are now those on disk
        return int.Parse(Value("epoch"), CultureInfo.InvariantCulture);
    }

    /// <summary>Frees the in-memory copy of the best weights.</summary>
    public void Dispose() => DisposeBest();

    private void Keep()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var state = model.state_dict();
        best ??= state.ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
        foreach (var (name, value) in state) best[name].copy_(value);
        if (bestModelPath is not null) SafeTensors.Save(state, bestModelPath,
            new Dictionary<string, string> { ["model"] = model.GetType().Name });
    }

    private void DisposeBest()
    {
        if (best is null) return;
        foreach (var copy in best.Values) copy.Dispose();
        best = null;
    }
}
