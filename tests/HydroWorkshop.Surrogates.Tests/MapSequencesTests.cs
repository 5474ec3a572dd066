using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapSequencesTests
{
    /// <summary>Two events, 3 frames of a 2 x 2 grid; depth = event + frame / 10 in cell 0, obstacle in cell 3.</summary>
    private static MapSequences Small()
    {
        MapEvent Event(int e) => new($"e{e}",
            Enumerable.Range(0, 12).Select(i => i % 4 == 0 ? e + i / 4 / 10f : 0f).ToArray(),
            [0f, 1f, 2f, 3f], [0f, 0f, 0f, 1f], [0.1f * e, 0.2f, 0.4f], null);
        return new MapSequences([Event(1), Event(2)], frames: 3, rows: 2, columns: 2, ["inflow"], []);
    }

    [Fact]
    public void FitScales_SmallSet_MaxDepthBedMomentsMaxForcing()
    {
        var scales = Small().FitScales();
        Assert.Equal(2.2, scales.Depth, 6);
        Assert.Equal(1.5, scales.BedMean, 12);
        Assert.Equal(Math.Sqrt(1.25), scales.BedScale, 12);
        Assert.Equal(0.4, scales.Forcing[0], 6);
    }

    [Fact]
    public void Batch_Window_ScalesAndMasks()
    {
        var data = Small();
        var scales = new MapScales(2.0, 1.0, 2.0, [0.5], []);
        using var scope = NewDisposeScope();
        using var batch = data.Batch([1, 0], [1, 0], 2, scales);
        Assert.Equal([2L, 2, 2, 2], batch.Depth.shape);
        Assert.Equal((2 + 0.1f) / 2f, batch.Depth[0, 0, 0, 0].item<float>(), 6);       // event 2, frame 1
        Assert.Equal(0.5f, batch.Depth[1, 0, 0, 0].item<float>(), 6);                   // event 1, frame 0
        Assert.Equal(new[] { -0.5f, 0f, 0.5f, 1f }, batch.Statics[0, 0].flatten().data<float>().ToArray());
        Assert.Equal(new[] { 1f, 1f, 1f, 0f }, batch.Open[0, 0].flatten().data<float>().ToArray());
        Assert.Equal(new[] { 0.4f, 0.8f }, batch.Forcing[0, .., 0].data<float>().ToArray());
        Assert.Null(batch.Extra);
    }

    [Fact]
    public void Batch_ObservedFrames_DepthHoldsOnlyThoseForcingEveryFrame()
    {
        var data = Small();
        var scales = new MapScales(2.0, 1.0, 2.0, [0.5], []);
        using var scope = NewDisposeScope();
        using var batch = data.Batch([1], scales, observedFrames: 1);
        Assert.Equal([1L, 1, 2, 2], batch.Depth.shape);
        Assert.Equal(3, batch.Frames);
        Assert.Equal(1, batch.ObservedFrames);
        Assert.Equal(1f, batch.Depth[0, 0, 0, 0].item<float>(), 6);                     // event 2, frame 0: 2.0 m / 2
        Assert.Equal(new[] { 0.4f, 0.4f, 0.8f }, batch.Forcing[0, .., 0].data<float>().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Batch([1], scales, observedFrames: 4));
    }

    [Fact]
    public void WithExtraChannel_AddsOneInputMap()
    {
        var data = Small().WithExtraChannel("estimate", [new float[12], Enumerable.Repeat(3f, 12).ToArray()]);
        Assert.Equal(new MapInputs(2, 1, 1, 2, 2), data.Inputs);
        var scales = data.FitScales();
        Assert.Equal(3.0, scales.Extra[0], 6);
        using var scope = NewDisposeScope();
        using var batch = data.Batch([1], scales);
        Assert.Equal([1L, 3, 1, 2, 2], batch.Extra!.shape);
        Assert.Equal(1f, batch.Extra.max().item<float>(), 6);
    }

    [Fact]
    public void WithForcingChannel_AddsOneSeriesBesideTheOthers()
    {
        var data = Small().WithForcingChannel("estimate", [[1f, 2f, 3f], [4f, 5f, 6f]]);
        Assert.Equal(new MapInputs(2, 2, 0, 2, 2), data.Inputs);
        Assert.Equal(["inflow", "estimate"], data.ForcingNames);
        Assert.Equal(new[] { 0.2f, 4f, 0.2f, 5f, 0.4f, 6f }, data.Events[1].Forcing);   // [time, forcings]
        var scales = data.FitScales();
        Assert.Equal(6.0, scales.Forcing[1], 6);
        var error = Assert.Throws<ArgumentException>(() => Small().WithForcingChannel("estimate", [[1f, 2f, 3f], [4f, 5f]]));
        Assert.Contains("event 'e2': forcing 'estimate' has 2 values, expected [time 3]", error.Message);
    }

    [Fact]
    public void FromFlume_StorageEstimate_LevelPoolMeanDepthBesideTheInflow()
    {
        var data = TinyFlume.DataSet;
        var plain = MapSequences.FromFlume(data, [0, 1]);
        var physics = MapSequences.FromFlume(data, [0, 1], storageEstimate: true);

        Assert.Equal(["inflow", "storage_depth"], physics.ForcingNames);
        Assert.Equal(plain.Inputs with { Forcings = 2 }, physics.Inputs);
        var flume = new HydroWorkshop.Physics.LaboratoryFlume(data.Columns, data.Rows, data.Metadata.CellSize);
        for (var k = 0; k < 2; k++)
        {
            var e = data.ReadEvent(k);
            var open = e.Obstacle.Count(o => o == 0);
            var initial = e.Depth.Take(e.Obstacle.Length).Where((_, i) => e.Obstacle[i] == 0).Sum(d => (double)d) / open;
            var expected = HydroWorkshop.Physics.FlumeStorageEstimate.MeanDepth(flume, e.Metadata.Parameters,
                open * data.Metadata.CellSize * data.Metadata.CellSize, initial, data.Frames, data.Metadata.FrameInterval);
            var forcing = physics.Events[k].Forcing;
            for (var t = 0; t < data.Frames; t++)
            {
                Assert.Equal(plain.Events[k].Forcing[t], forcing[2 * t]);
                Assert.Equal((float)expected[t], forcing[2 * t + 1]);
            }
            // It starts at the observed mean depth, and its peak is the observed mean depth's within a factor of 1.5.
            Assert.Equal(initial, forcing[1], 1e-6);
            var cells = e.Obstacle.Length;
            var observedPeak = Enumerable.Range(0, data.Frames)
                .Max(t => Enumerable.Range(0, cells).Sum(i => (double)e.Depth[t * cells + i]) / open);
            Assert.InRange(forcing.Where((_, i) => i % 2 == 1).Max(), observedPeak / 1.5, observedPeak * 1.5);
        }
    }

    [Fact]
    public void FromFlume_CoarseSolver_CoarseDepthMapEveryFrame()
    {
        var data = TinyFlume.DataSet;
        var plain = MapSequences.FromFlume(data, [0, 1]);
        var physics = MapSequences.FromFlume(data, [0, 1], coarseSolverFactor: 4);

        Assert.Equal(["coarse_depth"], physics.ExtraNames);
        Assert.Equal(plain.Inputs with { Extra = 1 }, physics.Inputs);
        var cells = data.Rows * data.Columns;
        for (var k = 0; k < 2; k++)
        {
            var e = data.ReadEvent(k);
            var flume = new HydroWorkshop.Physics.LaboratoryFlume(data.Columns, data.Rows, data.Metadata.CellSize);
            Assert.Equal(HydroWorkshop.Physics.FlumeCoarseSimulation.Depth(flume, e.Metadata.Parameters, 4, data.Frames,
                data.Metadata.FrameInterval),
                physics.Events[k].Extra);
            Assert.Equal(plain.Events[k].Depth, physics.Events[k].Depth);
            // The coarse run starts from the same state as the data set's: frame 0 matches the observed first frame
            // wherever the blocks do not make the coarse grid differ.
            var first = physics.Events[k].Extra!.AsSpan(0, cells).ToArray();
            Assert.Equal(e.Depth.Take(cells).Max(), first.Max(), 1e-6f);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MapSequences.FromFlume(data, [0], coarseSolverFactor: -1));
    }

    [Fact]
    public void FromFlume_TinyFlume_RoughnessAndInflowSegmentFromTheEventParameters()
    {
        var data = TinyFlume.DataSet;
        var sequences = MapSequences.FromFlume(data, [1]);
        var parameters = data.ReadEvent(1).Metadata.Parameters;
        var cells = data.Rows * data.Columns;
        var statics = sequences.Events[0].MoreStatics!;
        Assert.All(statics.Take(cells), n => Assert.Equal((float)parameters.Manning, n));
        // The inflow segment: West-column cells whose centre lies within centre ± width / 2, nothing anywhere else.
        var segment = statics.Skip(cells).ToArray();
        for (var row = 0; row < data.Rows; row++)
        {
            var y = (row + 0.5) * data.Metadata.CellSize;
            var inside = Math.Abs(y - parameters.InflowCentre) <= 0.5 * parameters.InflowWidth;
            Assert.Equal(inside ? 1f : 0f, segment[row * data.Columns]);
        }
        Assert.InRange(segment.Sum(), 1f, data.Rows - 1f);
        Assert.Equal(segment.Sum(), Enumerable.Range(0, data.Rows).Sum(row => segment[row * data.Columns]));

        var scales = sequences.FitScales();
        Assert.Equal(parameters.Manning, scales.MoreStatics![0], 6);
        using var scope = NewDisposeScope();
        using var batch = sequences.Batch([0], scales);
        Assert.Equal([1L, 4, data.Rows, data.Columns], batch.Statics.shape);
        Assert.Equal(1f, batch.Statics[0, 2].min().item<float>(), 6);                  // roughness / its largest value
    }

    [Fact]
    public void Batch_ScalesWithoutStaticMapScales_NamesTheMaps()
    {
        var sequences = MapSequences.FromFlume(TinyFlume.DataSet, [0]);
        var old = sequences.FitScales() with { MoreStatics = null };
        var error = Assert.Throws<ArgumentException>(() => sequences.Batch([0], old));
        Assert.Contains("roughness, inflow_segment", error.Message);
    }

    [Fact]
    public void Constructor_WrongDepthLength_NamesEvent()
    {
        var error = Assert.Throws<ArgumentException>(() => new MapSequences([new MapEvent("bad", new float[5], new float[4], new float[4],
            new float[3], null)], 3, 2, 2, ["inflow"], []));
        Assert.Contains("'bad'", error.Message);
    }

    [Fact]
    public void FromFlume_TinyFlume_StaticsForcingAndObservedDepth()
    {
        var data = TinyFlume.DataSet;
        var sequences = MapSequences.FromFlume(data, [0, 1]);
        Assert.Equal(new MapInputs(4, 1, 0, 16, 32), sequences.Inputs);
        Assert.Equal(["roughness", "inflow_segment"], sequences.MoreStaticNames);
        using var scope = NewDisposeScope();
        var observed = sequences.ObservedDepth(1, start: 4);
        Assert.Equal([20L, 16, 32], observed.shape);
        using var expected = data.SequencesTensor([1], ["depth"]);
        Assert.Equal(0f, (expected[0, 4.., 0] - observed).abs().max().item<float>());
    }
}
