using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.FloodData;

public sealed partial class DikeBreachDataSet
{
    /// <summary>Depth sequences as a float32 tensor <c>[event, time, 1, y, x]</c> (m) and beds <c>[event, 1, y, x]</c> (m).</summary>
    public (Tensor Depth, Tensor Bed) SequencesTensor(IReadOnlyList<int> ids)
    {
        var (depth, depthShape, bed, bedShape) = ReadSequences(ids);
        var depthTensor = torch.tensor(depth, Array.ConvertAll(depthShape, s => (long)s));
        try
        {
            return (depthTensor, torch.tensor(bed, Array.ConvertAll(bedShape, s => (long)s)));
        }
        catch
        {
            depthTensor.Dispose();
            throw;
        }
    }
}
