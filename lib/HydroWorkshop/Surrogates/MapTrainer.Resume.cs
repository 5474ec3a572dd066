using TorchSharp.Modules;
using System.Globalization;
using System.Text.Json;
using HydroWorkshop.Checkpoints;
using static TorchSharp.torch.optim;
using HydroWorkshop.Engine;
using HydroWorkshop.Models.Maps;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

// Resuming a map run: after every epoch the run folder gets the weights, the optimizer and schedule state and the
// early-stopping counters (last_checkpoint.safetensors, atomic) beside the log, so a stopped run goes on where it was.
public sealed partial class MapTrainer
{
    public string LastCheckpointPath => Path.Combine(RunFolder!, "last_checkpoint.safetensors");

    private void SaveProgress(OptimizerHelper optimizer, EpochRateLR? schedule, List<MapEpochRecord> history, int epoch, int bestEpoch, double? bestMetric, int badValidations)
    {
        WriteLog(history);
        using var scope = NewDisposeScope();
        Checkpoint.Save(LastCheckpointPath, model.state_dict(), optimizer, schedule, new Dictionary<string, string>
        {
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["best_epoch"] = bestEpoch.ToString(CultureInfo.InvariantCulture),
            ["best_metric"] = bestMetric?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            ["bad_validations"] = badValidations.ToString(CultureInfo.InvariantCulture),
        });
    }

    private (int Start, int BestEpoch, double? BestMetric, int BadValidations) Resume(MapSequences train, OptimizerHelper optimizer, EpochRateLR? schedule, List<MapEpochRecord> history)
    {
        // The saved scales are the run's; other training events would make the resumed run a different one.
        var saved = MapScales.Load(Path.Combine(RunFolder!, "scales.json"));
        if (JsonSerializer.Serialize(saved) != JsonSerializer.Serialize(Scales))
            throw new InvalidOperationException($"{RunFolder}: the training events differ from the run's (their scales do not match scales.json); resume with the same data or start a new run folder");
        Dictionary<string, string> metadata;
        using (NewDisposeScope()) (_, metadata) = Checkpoint.Load(LastCheckpointPath, model.state_dict(), optimizer, schedule);
        var epoch = int.Parse(metadata["epoch"], CultureInfo.InvariantCulture);
        history.AddRange(File.ReadLines(LogPath).Skip(1).Where(l => l.Length > 0).Select(l => MapEpochRecord.FromCsv(l, Config.Epochs)).Where(r => r.Epoch <= epoch));
        log($"Resuming {RunFolder} after epoch {epoch}");
        return (epoch + 1, int.Parse(metadata["best_epoch"], CultureInfo.InvariantCulture),
            metadata["best_metric"].Length == 0 ? null : double.Parse(metadata["best_metric"], CultureInfo.InvariantCulture),
            int.Parse(metadata["bad_validations"], CultureInfo.InvariantCulture));
    }
}
