using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.FloodData;

public sealed partial class FlumeDataSet
{
    /// <summary><see cref="ReadSequences"/> as a float32 tensor <c>[event, time, channel, y, x]</c> (depth m, velocities m/s).</summary>
    public Tensor SequencesTensor(IReadOnlyList<int> events, IReadOnlyList<string>? channels = null, int startFrame = 0,
        int frameCount = -1)
    {
        var (data, shape) = ReadSequences(events, channels, startFrame, frameCount);
        return torch.tensor(data, Array.ConvertAll(shape, s => (long)s));
    }

    /// <summary><see cref="EnumerateBatches"/> as tensors <c>[batch, time, channel, y, x]</c>, read lazily; dispose each.</summary>
    public IEnumerable<Tensor> EnumerateBatchTensors(IReadOnlyList<int> events, int batchSize, IReadOnlyList<string>? channels = null)
    {
        foreach (var (data, shape) in EnumerateBatches(events, batchSize, channels))
            yield return torch.tensor(data, Array.ConvertAll(shape, s => (long)s));
    }

    /// <summary><see cref="ReadStaticMaps"/> as a float32 tensor <c>[event, 2, y, x]</c> (bed m, obstacle 0/1).</summary>
    public Tensor StaticMapsTensor(IReadOnlyList<int> events)
    {
        var (data, shape) = ReadStaticMaps(events);
        return torch.tensor(data, Array.ConvertAll(shape, s => (long)s));
    }

    /// <summary><see cref="ReadInflow"/> as a float32 tensor <c>[event, time]</c> (m3/s).</summary>
    public Tensor InflowTensor(IReadOnlyList<int> events)
    {
        var (data, shape) = ReadInflow(events);
        return torch.tensor(data, Array.ConvertAll(shape, s => (long)s));
    }
}
