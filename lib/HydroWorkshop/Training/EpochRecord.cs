using System.Globalization;

namespace HydroWorkshop.Training;

/// <summary>One line of the training log: losses in normalised units, the median validation NSE across basins, and the
/// learning rate this epoch trained with (with a schedule, that of the largest key ≤ <see cref="Epoch"/>).</summary>
public sealed record EpochRecord(int Epoch, int Epochs, double TrainLoss, double? ValidationLoss, double? MedianNse, double LearningRate,
    double Seconds)
{
    public const string CsvHeader = "epoch,train_loss,val_loss,val_median_nse,learning_rate,seconds";

    /// <summary><c>Epoch 12/300: Train Loss: 0.102 Val Loss: 0.145 NSE: 0.82</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Epoch {Epoch}/{Epochs}: Train Loss: {TrainLoss:F3}") +
        (ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $" Val Loss: {v:F3}") : "") +
        (MedianNse is { } n ? string.Create(CultureInfo.InvariantCulture, $" NSE: {n:F2}") : "");

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Epoch},{TrainLoss:R},{ValidationLoss?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{MedianNse?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{LearningRate:R},{Seconds:F2}");
}
