using System.Text.Json;
using HydroWorkshop.Engine;
using HydroWorkshop.Models.Maps;
using HydroWorkshop.Training;
using TorchSharp.Modules;

namespace HydroWorkshop.Surrogates;

// Resuming a map run: after every epoch the run folder gets the weights, the optimizer and schedule state and the
// early-stopping counters (last_checkpoint.safetensors, atomic) beside the log, so a stopped run goes on where it was.
public sealed partial class MapTrainer
{
    public string LastCheckpointPath => Path.Combine(RunFolder!, "last_checkpoint.safetensors");

    private void SaveProgress(OptimizerHelper optimizer, EpochRateLR? schedule, EarlyStopping stopping,
        List<MapEpochRecord> history, int epoch)
    {
        WriteLog(history);
        stopping.SaveCheckpoint(LastCheckpointPath, epoch, optimizer, schedule);
    }

    /// <summary>Loads the last checkpoint and the log up to its epoch; returns the epoch to go on with.</summary>
    private int Resume(MapSequences train, OptimizerHelper optimizer, EpochRateLR? schedule, EarlyStopping stopping,
        List<MapEpochRecord> history)
    {
        // The saved scales are the run's; other training events would make the resumed run a different one.
        var saved = MapScales.Load(Path.Combine(RunFolder!, "scales.json"));
        if (JsonSerializer.Serialize(saved) != JsonSerializer.Serialize(Scales))
            throw new InvalidOperationException(
                $"{RunFolder}: the training events differ from the run's (their scales do not match scales.json); resume with the same data or start a new run folder");
        var epoch = stopping.LoadCheckpoint(LastCheckpointPath, optimizer, schedule);
        history.AddRange(File.ReadLines(LogPath).Skip(1).Where(l => l.Length > 0).Select(l => MapEpochRecord.FromCsv(l, Config.Epochs))
            .Where(r => r.Epoch <= epoch));
        log($"Resuming {RunFolder} after epoch {epoch}");
        return epoch + 1;
    }
}
