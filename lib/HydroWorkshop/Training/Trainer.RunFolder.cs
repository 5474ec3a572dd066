using System.Globalization;
using System.Text.Json;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Engine;
using TorchSharp.Modules;

namespace HydroWorkshop.Training;

// The run folder: everything needed to reuse, inspect or resume a run. Every file is written atomically.
public sealed partial class Trainer
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string BestModelPath => Path.Combine(RunFolder!, "best_model.safetensors");
    public string LastCheckpointPath => Path.Combine(RunFolder!, "last_checkpoint.safetensors");
    public string LogPath => Path.Combine(RunFolder!, "training_log.csv");

    private void WriteRunFiles(BasinDataSet train)
    {
        AtomicFile.WriteAllText(Path.Combine(RunFolder!, "config.json"), JsonSerializer.Serialize(new
        {
            model = model.GetType().Name,
            model_repr = model.ToString(),
            training = Config,
            data = new { inputs = train.InputNames, statics = train.StaticNames, targets = train.TargetNames, train.SequenceLength,
                train.PredictLastN },
        }, Json));
        train.Normalisation.Save(Path.Combine(RunFolder!, "normalisation.json"));
        if (File.Exists(LogPath)) File.Delete(LogPath);
    }

    private void SaveProgress(OptimizerHelper optimizer, EpochRateLR? schedule, EarlyStopping stopping,
        List<EpochRecord> history, int epoch)
    {
        AtomicFile.WriteAllText(LogPath, string.Join('\n', [EpochRecord.CsvHeader, .. history.Select(h => h.ToCsv())]) + "\n");
        stopping.SaveCheckpoint(LastCheckpointPath, epoch, optimizer, schedule);
    }

    /// <summary>Loads the last checkpoint and the log up to its epoch; returns the epoch to go on with.</summary>
    private int Resume(OptimizerHelper optimizer, EpochRateLR? schedule, EarlyStopping stopping, List<EpochRecord> history)
    {
        var epoch = stopping.LoadCheckpoint(LastCheckpointPath, optimizer, schedule);
        foreach (var line in File.ReadLines(LogPath).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            double? Optional(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
            history.Add(new EpochRecord(int.Parse(f[0], CultureInfo.InvariantCulture), Config.Epochs,
                double.Parse(f[1], CultureInfo.InvariantCulture),
                Optional(f[2]), Optional(f[3]), double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture)));
        }
        log($"Resuming {RunFolder} after epoch {epoch}");
        return epoch + 1;
    }
}
