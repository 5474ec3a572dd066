using System.Globalization;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>One epoch of <see cref="GriddedTrainer"/>: the training loss (weighted MSE in model units), the validation
/// median NSE over targets (null when not validated), the learning rate the epoch trained with, and its seconds.</summary>
public sealed record GriddedEpochRecord(int Epoch, int Epochs, double TrainLoss, double? ValidationMedianNse, double LearningRate,
    double Seconds)
{
    public const string CsvHeader = "epoch,train_loss,val_median_nse,learning_rate,seconds";

    public string ToCsv() => string.Join(',',
        Epoch.ToString(CultureInfo.InvariantCulture), TrainLoss.ToString("R", CultureInfo.InvariantCulture),
        ValidationMedianNse?.ToString("R", CultureInfo.InvariantCulture) ?? "",
        LearningRate.ToString("R", CultureInfo.InvariantCulture), Seconds.ToString("F2", CultureInfo.InvariantCulture));

    public override string ToString() =>
        $"Epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4}" + (ValidationMedianNse is { } nse ? $", validation median NSE {nse:F3}" : "") +
            $" ({Seconds:F1} s)";
}
