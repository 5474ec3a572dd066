using HydroWorkshop.Physics;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

/// <summary>The tensor-returning readers (TorchSharp tensors).</summary>
public sealed class FlumeDataSetTensorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("flume-tensor-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SequencesTensor_TwoEvents_HasShapeEventTimeChannelYXAndTheValues()
    {
        FlumeDataSetGenerator.Generate(new FlumeGeneratorOptions
        {
            OutputFolder = folder,
            Events = 2,
            Frames = 6,
            FrameInterval = 1.0,
            Flume = new LaboratoryFlume(Columns: 16, Rows: 8, CellSize: 0.25),
        });
        var data = FlumeDataSet.Open(folder);
        var (values, _) = data.ReadSequences([1, 0]);

        using var tensor = data.SequencesTensor([1, 0]);
        using var inflow = data.InflowTensor([0, 1]);
        using var maps = data.StaticMapsTensor([0]);

        Assert.Equal([2L, 6, 3, 8, 16], tensor.shape);
        Assert.Equal(values, tensor.data<float>().ToArray());
        Assert.Equal([2L, 6], inflow.shape);
        Assert.Equal([1L, 2, 8, 16], maps.shape);
        var shapes = data.EnumerateBatchTensors([0, 1], batchSize: 1).Select(t => { using (t) return t.shape; }).ToArray();
        Assert.Equal([[1L, 6, 3, 8, 16], [1L, 6, 3, 8, 16]], shapes);
    }

    [RealDataFact("dike_breach_bentivoglio2023_subset")]
    public void DikeBreachSequencesTensor_OneSimulation_HasShapeEventTimeChannelYX()
    {
        var data = DikeBreachDataSet.Open(TestPaths.RealData("dike_breach_bentivoglio2023_subset"));

        var (depth, bed) = data.SequencesTensor([1]);
        using (depth)
        using (bed)
        {
            Assert.Equal([1L, 97, 1, 64, 64], depth.shape);
            Assert.Equal([1L, 1, 64, 64], bed.shape);
            Assert.Equal(0.01f, depth.data<float>().ToArray()[0], 6);
        }
    }
}
