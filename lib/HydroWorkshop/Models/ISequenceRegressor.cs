using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>A model the trainer can fit: forcings [batch, time, inputs] and statics [batch, attributes] (or
/// null when the data set appends them to the inputs) to predictions [batch, time or 1, targets].
/// The trainer scores the last <c>PredictLastN</c> steps.</summary>
public interface ISequenceRegressor
{
    Tensor forward(Tensor dynamic, Tensor? statics);
}
