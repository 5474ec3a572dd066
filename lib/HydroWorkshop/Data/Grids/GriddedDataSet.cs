using HydroWorkshop.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// Daily map stacks and gauge series for "hydrology as video": input channels [time, channel, y, x] (e.g. precipitation
/// and temperature maps) and targets [time, target] (e.g. discharge at gauges, m³/s), normalised per channel and per
/// target with means and standard deviations fitted on the training period only, so nothing of the validation or test
/// years leaks into the scaling. Windows of <c>length</c> consecutive days come out as views of one normalised tensor
/// (<c>unfold</c> over time), not as copies: ten years of 13 × 17 maps are 3.2 MB a channel, and a window is just a
/// stride over them.
/// </summary>
public sealed class GriddedDataSet : IDisposable
{
    /// <summary>Builds the data set; the tensors are copied (normalised), the arguments stay the caller's.</summary>
    /// <param name="channels">Input maps [time, channel, y, x] in physical units; NaN allowed (0 after normalisation, i.e. the
    /// mean).</param>
    /// <param name="channelNames">One name per channel.</param>
    /// <param name="targets">Targets [time, target] in physical units; NaN where not observed (kept NaN).</param>
    /// <param name="targetNames">One name per target.</param>
    /// <param name="dates">The day of each time step: consecutive days.</param>
    /// <param name="training">The period whose days fit the normalisation (ignored when <paramref name="normalisation"/> is given).</param>
    /// <param name="normalisation">A normalisation fitted before (e.g. loaded with the model), or null to fit one.</param>
    public GriddedDataSet(Tensor channels, IReadOnlyList<string> channelNames, Tensor targets, IReadOnlyList<string> targetNames,
        IReadOnlyList<DateOnly> dates, Period training, Normalisation? normalisation = null)
    {
        if (channels.dim() != 4) throw new ArgumentException(
            $"channels must be [time, channel, y, x]; got [{string.Join(", ", channels.shape)}]", nameof(channels));
        if (targets.dim() != 2) throw new ArgumentException($"targets must be [time, target]; got [{string.Join(", ", targets.shape)}]",
            nameof(targets));
        var time = channels.shape[0];
        if (targets.shape[0] != time || dates.Count != time)
            throw new ArgumentException($"channels have {time} days, targets {targets.shape[0]}, dates {dates.Count}: they must agree");
        if (channels.shape[1] != channelNames.Count) throw new ArgumentException(
            $"channels have {channels.shape[1]} channels but {channelNames.Count} names", nameof(channelNames));
        if (targets.shape[1] != targetNames.Count) throw new ArgumentException(
            $"targets have {targets.shape[1]} columns but {targetNames.Count} names", nameof(targetNames));
        for (var i = 1; i < dates.Count; i++)
            if (dates[i].DayNumber != dates[i - 1].DayNumber + 1)
                throw new ArgumentException(
                    $"dates must be consecutive days; {dates[i - 1]:yyyy-MM-dd} is followed by {dates[i]:yyyy-MM-dd} (index {i})",
                    nameof(dates));

        Dates = dates.ToArray();
        ChannelNames = channelNames.ToArray();
        TargetNames = targetNames.ToArray();
        using var scope = NewDisposeScope();
        var x = channels.detach().to(float32).cpu();
        var y = targets.detach().to(float32).cpu();
        Normalisation = normalisation ?? Fit(x, y, training);
        Normalisation.CheckMatches(ChannelNames, [], TargetNames);
        var (channelMean, channelStd) = Scales(Normalisation.Inputs, [1, -1, 1, 1]);
        var (targetMean, targetStd) = Scales(Normalisation.Targets, [1, -1]);
        Channels = x.sub(channelMean).div(channelStd).nan_to_num(0.0).contiguous().DetachFromDisposeScope();
        Targets = y.sub(targetMean).div(targetStd).contiguous().DetachFromDisposeScope();
    }

    /// <summary>Normalised input maps [time, channel, y, x] (float32, CPU).</summary>
    public Tensor Channels { get; }

    /// <summary>Normalised targets [time, target]; NaN where not observed.</summary>
    public Tensor Targets { get; }

    public IReadOnlyList<DateOnly> Dates { get; }
    public IReadOnlyList<string> ChannelNames { get; }
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Per-channel (Inputs) and per-target (Targets) mean and std; Statics is empty. Save it with the model.</summary>
    public Normalisation Normalisation { get; }

    public int Days => Dates.Count;

    /// <summary>The <paramref name="length"/> days ending on day index <paramref name="end"/> (included): a view
    /// [length, channel, y, x] of <see cref="Channels"/>.</summary>
    public Tensor Window(int end, int length)
    {
        CheckWindow(end, length);
        return Channels.narrow(0, end - length + 1, length);
    }

    /// <summary>Every window of <paramref name="length"/> days at once, [windows, length, channel, y, x] with window i
    /// ending on day i + length − 1: a strided view (unfold), no copy.</summary>
    public Tensor Windows(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Days);
        using var scope = NewDisposeScope();
        return Channels.unfold(0, length, 1).permute(0, 4, 1, 2, 3).MoveToOuterDisposeScope();
    }

    /// <summary>Day indices that can end a window of <paramref name="length"/> days in <paramref name="period"/>: the
    /// end day lies in the period (earlier days of the window may precede it, as a warm-up) and has at least one
    /// observed target.</summary>
    public int[] WindowEnds(Period period, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        using var scope = NewDisposeScope();
        var observed = Targets.isnan().logical_not().any(1).data<bool>().ToArray();
        return Enumerable.Range(length - 1, Math.Max(0, Days - length + 1)).Where(e => period.Contains(Dates[e]) && observed[e]).ToArray();
    }

    /// <summary>
    /// One epoch of batches of windows of <paramref name="length"/> days ending in <paramref name="period"/>, in date
    /// order, or shuffled with <paramref name="generator"/> (e.g. <c>new torch.Generator(seed)</c>, kept across epochs).
    /// Unshuffled batches of consecutive windows are views; each batch is yours to dispose.
    /// </summary>
    public IEnumerable<GriddedBatch> Batches(Period period, int length, int batchSize, torch.Generator? generator = null,
        bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var ends = WindowEnds(period, length);
        if (ends.Length == 0) throw new ArgumentException(
            $"no window of {length} days ends in {period} with an observed target (the data cover {Dates[0]:yyyy-MM-dd}..{Dates[^1]:yyyy-MM-dd})");
        var order = generator is null ? ends : BasinDataSet.Permutation(ends.Length, generator).Select(i => ends[i]).ToArray();
        return Iterate(order, length, batchSize, dropLast);
    }

    private IEnumerable<GriddedBatch> Iterate(int[] order, int length, int batchSize, bool dropLast)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            WorkshopCancellation.Token.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, order.Length - start);
            if (size < batchSize && dropLast) yield break;
            yield return Batch(order.AsSpan(start, size).ToArray(), length);
        }
    }

    /// <summary>The batch of windows of <paramref name="length"/> days ending on the day indices <paramref name="ends"/>.</summary>
    public GriddedBatch Batch(int[] ends, int length)
    {
        foreach (var end in ends) CheckWindow(end, length);
        using var scope = NewDisposeScope();
        // [windows, length, channel, y, x], window i ends on day i + length - 1
        var windows = Channels.unfold(0, length, 1).permute(0, 4, 1, 2, 3);
        var targets = Targets.unfold(0, length, 1).permute(0, 2, 1);             // [windows, length, target]
        var first = ends[0] - (length - 1);
        var consecutive = ends.Select((e, i) => e == ends[0] + i).All(b => b);
        Tensor inputs, y;
        if (consecutive)
        {
            inputs = windows.narrow(0, first, ends.Length);
            y = targets.narrow(0, first, ends.Length);
        }
        else
        {
            using var index = tensor(ends.Select(e => (long)(e - (length - 1))).ToArray());
            inputs = windows.index_select(0, index);
            y = targets.index_select(0, index);
        }
        return new GriddedBatch(inputs.DetachFromDisposeScope(), y.DetachFromDisposeScope(), ends, ends.Select(e => Dates[e]).ToArray());
    }

    /// <summary>Stacks [time, y, x] maps of one time axis and grid (e.g. precipitation and temperature, read with
    /// <see cref="GriddedFile.Read"/>) into channels [time, channel, y, x], north-up; <paramref name="statics"/> (each
    /// [y, x], e.g. an upstream mask or elevation) are repeated on every day as further channels.</summary>
    public static Tensor StackChannels(IReadOnlyList<GriddedVariable> maps, IReadOnlyList<float[]>? statics = null)
    {
        if (maps.Count == 0) throw new ArgumentException("at least one [time, y, x] map variable is needed", nameof(maps));
        var north = maps.Select(m => m.NorthUp()).ToArray();
        var first = north[0];
        foreach (var m in north)
        {
            if (m.Shape.Count != 3 || m.Time is null) throw new ArgumentException(
                $"'{m.Name}' ({m.SourcePath}) is not [time, y, x] with a time axis", nameof(maps));
            if (!m.Shape.SequenceEqual(first.Shape)) throw new ArgumentException(
                $"'{m.Name}' has shape [{string.Join(", ", m.Shape)}], '{first.Name}' [{string.Join(", ", first.Shape)}]", nameof(maps));
            if (!m.Time.SequenceEqual(first.Time!)) throw new ArgumentException($"'{m.Name}' and '{first.Name}' have different time axes",
                nameof(maps));
        }
        var (time, rows, columns) = (first.Shape[0], first.Shape[1], first.Shape[2]);
        foreach (var s in statics ?? []) if (s.Length != rows * columns) throw new ArgumentException(
            $"a static map has {s.Length} cells; the grid has {rows} x {columns}", nameof(statics));
        using var scope = NewDisposeScope();
        var layers = north.Select(m => tensor(m.Data).reshape(time, 1, rows, columns))
            .Concat((statics ?? []).Select(s => tensor(s).reshape(1, 1, rows, columns).expand(time, 1, rows, columns)))
            .ToArray();
        return cat(layers, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Mean and std of each channel (over the training days and all cells) and each target (over the training
    /// days), NaN left out.</summary>
    private Normalisation Fit(Tensor channels, Tensor targets, Period training)
    {
        var days = Enumerable.Range(0, Days).Where(i => training.Contains(Dates[i])).ToArray();
        if (days.Length == 0) throw new ArgumentException(
            $"the training period {training} holds none of the data's days ({Dates[0]:yyyy-MM-dd}..{Dates[^1]:yyyy-MM-dd})");
        var c = channels.shape[1];
        var cells = channels.shape[2] * channels.shape[3];
        var k = targets.shape[1];
        var x = channels.contiguous().data<float>().ToArray();
        var y = targets.contiguous().data<float>().ToArray();
        var inputs = Enumerable.Range(0, (int)c)
            .Select(ch => Moments(ChannelNames[ch], days.SelectMany(d => Range(x, (d * c + ch) * cells, cells)))).ToArray();
        var outputs = Enumerable.Range(0, (int)k).Select(t => Moments(TargetNames[t], days.Select(d => y[d * k + t]))).ToArray();
        return new Normalisation { Inputs = inputs, Statics = [], Targets = outputs, FittedOn = $"training {training}" };
    }

    private static IEnumerable<float> Range(float[] values, long start, long count)
    {
        for (var i = start; i < start + count; i++) yield return values[i];
    }

    private static FeatureScale Moments(string name, IEnumerable<float> values)
    {
        double sum = 0, squares = 0;
        long count = 0;
        foreach (var v in values)
        {
            if (float.IsNaN(v)) continue;
            sum += v;
            squares += (double)v * v;
            count++;
        }
        return Normalisation.FromMoments(name, sum, squares, count);
    }

    private static (Tensor Mean, Tensor Std) Scales(IReadOnlyList<FeatureScale> scales, long[] shape) =>
        (tensor(scales.Select(s => (float)s.Mean).ToArray()).reshape(shape),
            tensor(scales.Select(s => (float)s.Std).ToArray()).reshape(shape));

    private void CheckWindow(int end, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (end < length - 1 || end >= Days)
            throw new ArgumentOutOfRangeException(nameof(end), end,
                $"a window of {length} days must end on a day index from {length - 1} to {Days - 1}");
    }

    public void Dispose()
    {
        Channels.Dispose();
        Targets.Dispose();
    }
}
