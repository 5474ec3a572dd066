using System.Runtime.InteropServices;
using HydroWorkshop.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Data;

// Batch assembly: windows are copied once, straight from the basin arrays into the tensor's memory.
public sealed partial class BasinDataSet
{
    /// <summary>
    /// The windows <paramref name="samples"/> as one batch: inputs <c>[batch, SequenceLength, InputFeatures]</c>,
    /// targets <c>[batch, PredictLastN, targets]</c>, statics <c>[batch, statics]</c>.
    /// </summary>
    public BasinBatch GetBatch(ReadOnlySpan<int> samples)
    {
        if (samples.IsEmpty) throw new ArgumentException("a batch needs at least one sample", nameof(samples));
        var n = samples.Length;
        var seq = SequenceLength;
        var lastN = PredictLastN;
        var nIn = InputNames.Count;
        var nStatic = StaticNames.Count;
        var nTarget = TargetNames.Count;
        var features = InputFeatures;
        var concatenate = Options.ConcatenateStatics && nStatic > 0;
        Tensor? inputs = null, targets = null, statics = null;
        try
        {
            inputs = torch.empty([n, seq, features], torch.float32);
            targets = torch.empty([n, lastN, nTarget], torch.float32);
            statics = nStatic > 0 ? torch.empty([n, nStatic], torch.float32) : null;
            // The new tensors' own memory, written in place (TorchSharp's byte view of a contiguous CPU tensor).
            var x = MemoryMarshal.Cast<byte, float>(inputs.bytes);
            var y = MemoryMarshal.Cast<byte, float>(targets.bytes);
            var s = statics is null ? default : MemoryMarshal.Cast<byte, float>(statics.bytes);
            var ids = new string[n];
            var dates = new DateOnly[n];
            for (var i = 0; i < n; i++)
            {
                var sample = samples[i];
                if ((uint)sample >= (uint)Count)
                    throw new ArgumentOutOfRangeException(nameof(samples), $"sample {sample} is outside 0..{Count - 1}");
                var basin = basins[sampleBasin[sample]];
                var end = sampleDay[sample];
                var first = end - seq + 1;
                var window = basin.Inputs.AsSpan(first * nIn, seq * nIn);
                var destination = x.Slice(i * seq * features, seq * features);
                if (!concatenate)
                {
                    window.CopyTo(destination);   // one contiguous copy: [time, input] is the basin's own layout
                }
                else
                {
                    for (var t = 0; t < seq; t++)
                    {
                        window.Slice(t * nIn, nIn).CopyTo(destination.Slice(t * features, nIn));
                        basin.Statics.CopyTo(destination.Slice(t * features + nIn, nStatic));
                    }
                }
                basin.Targets.AsSpan((end - lastN + 1) * nTarget, lastN * nTarget).CopyTo(y.Slice(i * lastN * nTarget, lastN * nTarget));
                if (statics is not null) basin.Statics.CopyTo(s.Slice(i * nStatic, nStatic));
                ids[i] = basin.Id;
                dates[i] = basin.Start.AddDays(end);
            }
            return new BasinBatch(inputs, targets, statics, samples.ToArray(), ids, dates);
        }
        catch
        {
            inputs?.Dispose();
            targets?.Dispose();
            statics?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One epoch of batches of <paramref name="batchSize"/> windows, in order or shuffled. Shuffling uses
    /// <paramref name="generator"/> (e.g. <c>new torch.Generator(seed)</c>, kept across epochs so each epoch
    /// differs yet the run repeats) and draws the same permutation as PyTorch's <c>torch.randperm</c>.
    /// Each batch is yours to dispose.
    /// </summary>
    public IEnumerable<BasinBatch> Batches(int batchSize, torch.Generator? generator = null, bool dropLast = false,
        CancellationToken? cancellationToken = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var token = cancellationToken ?? WorkshopCancellation.Token;
        var order = generator is null ? Enumerable.Range(0, Count).ToArray() : Permutation(Count, generator);
        return Iterate(order, batchSize, dropLast, token);
    }

    /// <summary>A seeded random permutation of 0..count-1 (torch.randperm with <paramref name="generator"/>).</summary>
    public static int[] Permutation(int count, torch.Generator generator)
    {
        using var permutation = torch.randperm(count, generator: generator);
        permutation.DetachFromDisposeScope();
        return permutation.data<long>().ToArray().Select(v => (int)v).ToArray();
    }

    private IEnumerable<BasinBatch> Iterate(int[] order, int batchSize, bool dropLast, CancellationToken token)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            token.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, order.Length - start);
            if (size < batchSize && dropLast) yield break;
            yield return GetBatch(order.AsSpan(start, size));
        }
    }
}
