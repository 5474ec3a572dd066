using System.Globalization;

namespace HydroWorkshop.Surrogates;

/// <summary>One line of a map model's training log: losses in scaled units (MSE over open cells), the mean validation
/// wet-cell RMSE (m) and CSI over the validation events' whole roll-outs, and the teacher-forcing probability and
/// learning rate this epoch trained with.</summary>
public sealed record MapEpochRecord(int Epoch, int Epochs, double TrainLoss, double? ValidationLoss, double? WetRmse, double? Csi,
    double TeacherForcing, double LearningRate, double Seconds)
{
    public const string CsvHeader = "epoch,train_loss,val_loss,val_wet_rmse_m,val_csi,teacher_forcing,learning_rate,seconds";

    /// <summary><c>Epoch 12/300: Train Loss: 0.102 Val Loss: 0.145 Wet RMSE: 0.0123 m CSI: 0.93</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Epoch {Epoch}/{Epochs}: Train Loss: {TrainLoss:F4}") +
        (ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $" Val Loss: {v:F4}") : "") +
        (WetRmse is { } r ? string.Create(CultureInfo.InvariantCulture, $" Wet RMSE: {r:F4} m") : "") +
        (Csi is { } c ? string.Create(CultureInfo.InvariantCulture, $" CSI: {c:F3}") : "");

    /// <summary>Reads a line written by <see cref="ToCsv"/> (a resumed run's log).</summary>
    public static MapEpochRecord FromCsv(string line, int epochs)
    {
        var f = line.Split(',');
        if (f.Length != 8) throw new FormatException($"training log line '{line}': {f.Length} fields, expected 8 ({CsvHeader})");
        static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        static double? Optional(string text) => text.Length == 0 ? null : Number(text);
        return new MapEpochRecord(int.Parse(f[0], CultureInfo.InvariantCulture), epochs, Number(f[1]), Optional(f[2]), Optional(f[3]),
            Optional(f[4]),
            Number(f[5]), Number(f[6]), Number(f[7]));
    }

    public string ToCsv()
    {
        static string Optional(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Epoch},{TrainLoss:R},{Optional(ValidationLoss)},{Optional(WetRmse)},{Optional(Csi)},{TeacherForcing:R},{LearningRate:R},{Seconds:F2}");
    }
}
