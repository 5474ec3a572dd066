using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public sealed class FlumeDataSetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("flume-dataset-tests-").FullName;

    public FlumeDataSetTests()
    {
        FlumeDataSetGenerator.Generate(new FlumeGeneratorOptions
        {
            OutputFolder = folder,
            Events = 3,
            Seed = 11,
            Frames = 10,
            FrameInterval = 1.0,
            Flume = new LaboratoryFlume(Columns: 24, Rows: 12, CellSize: 0.25),
        });
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadSequences_TwoEvents_ReturnsEventTimeChannelYX()
    {
        var data = FlumeDataSet.Open(folder);

        var (values, shape) = data.ReadSequences([2, 0]);

        Assert.Equal([2, 10, 3, 12, 24], shape);
        Assert.Equal(2 * 10 * 3 * 12 * 24, values.Length);
        var event0 = data.ReadEvent(0);
        // Event 0 is batch entry 1; depth is channel 0, velocity_y channel 2; frame 7, row 5, column 3.
        const int map = 12 * 24;
        Assert.Equal(event0.Depth[7 * map + 5 * 24 + 3], values[(((1 * 10 + 7) * 3 + 0) * map) + 5 * 24 + 3]);
        Assert.Equal(event0.VelocityY[7 * map + 5 * 24 + 3], values[(((1 * 10 + 7) * 3 + 2) * map) + 5 * 24 + 3]);
    }

    [Fact]
    public void ReadSequences_ChannelAndFrameWindow_SelectsThem()
    {
        var data = FlumeDataSet.Open(folder);

        var (values, shape) = data.ReadSequences([1], ["depth"], startFrame: 4, frameCount: 3);

        Assert.Equal([1, 3, 1, 12, 24], shape);
        var event1 = data.ReadEvent(1);
        Assert.Equal(event1.Depth.AsSpan(4 * 12 * 24, 3 * 12 * 24).ToArray(), values);
    }

    [Fact]
    public void ReadEvent_DepthAndInflow_AreConsistentWithTheEventParameters()
    {
        var data = FlumeDataSet.Open(folder);

        var e = data.ReadEvent(0);

        Assert.All(e.Depth, h => Assert.True(h >= 0));
        Assert.Equal((float)e.Metadata.Parameters.Inflow.At(5.0), e.Inflow[5], 6);
        Assert.True(e.Depth.AsSpan(9 * 12 * 24).ToArray().Sum() > e.Depth.AsSpan(0, 12 * 24).ToArray().Sum(), "water must have entered");
        var (maps, shape) = data.ReadStaticMaps([0]);
        Assert.Equal([1, 2, 12, 24], shape);
        Assert.Equal(e.Bed, maps.AsSpan(0, 12 * 24).ToArray());
    }

    [Fact]
    public void EnumerateBatches_ThreeEventsInTwos_YieldsTwoBatchesMatchingReadSequences()
    {
        var data = FlumeDataSet.Open(folder);

        var batches = data.EnumerateBatches([0, 1, 2], batchSize: 2, ["depth"]).ToArray();

        Assert.Equal(2, batches.Length);
        Assert.Equal([2, 10, 1, 12, 24], batches[0].Shape);
        Assert.Equal([1, 10, 1, 12, 24], batches[1].Shape);
        Assert.Equal(data.ReadSequences([2], ["depth"]).Data, batches[1].Data);
    }

    [Fact]
    public void Split_AllEvents_PartitionedByEvent()
    {
        var data = FlumeDataSet.Open(folder);

        var all = data.Split("train").Concat(data.Split("validation")).Concat(data.Split("test")).Order();

        Assert.Equal([0, 1, 2], all);
        Assert.Single(data.Split("test"));
    }

    [Fact]
    public void Open_MissingFolder_ThrowsNamingFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FlumeDataSet.Open(Path.Combine(folder, "nothing")));

        Assert.Contains("dataset.json", error.Message);
    }

    [Fact]
    public void ReadSequences_UnknownChannel_Throws()
    {
        var data = FlumeDataSet.Open(folder);

        var error = Assert.Throws<ArgumentException>(() => data.ReadSequences([0], ["pressure"]));

        Assert.Contains("pressure", error.Message);
    }
}
