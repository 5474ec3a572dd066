using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class FillAndSpillTests
{
    private static float[] DepthOf(FillAndSpill fill, double volume)
    {
        var depth = new float[fill.Rows * fill.Columns];
        fill.Depth(volume, depth);
        return depth;
    }

    [Theory]
    // One row 0, 0, 2, 0, 0 with the source at the left. Volume 1 stays left of the ridge at 0.5; 4 fills the left
    // hollow to the ridge's 2 m; 5 spills 1 into the right hollow, where it stands at 0.5 on both cells while the level
    // stays at the ridge; 14 covers all five cells at one level, (14 + 2) / 5 = 3.2.
    [InlineData(1.0, 0.5, new[] { 0.5f, 0.5f, 0f, 0f, 0f })]
    [InlineData(4.0, 2.0, new[] { 2f, 2f, 0f, 0f, 0f })]
    [InlineData(5.0, 2.0, new[] { 2f, 2f, 0f, 0.5f, 0.5f })]
    [InlineData(14.0, 3.2, new[] { 3.2f, 3.2f, 1.2f, 3.2f, 3.2f })]
    public void Depth_RidgeBetweenTwoHollows_FillsTheNearOneFirst(double volume, double level, float[] expected)
    {
        var fill = new FillAndSpill([0f, 0f, 2f, 0f, 0f], [], rows: 1, columns: 5, source: 0);
        Assert.Equal(level, fill.Level(volume), 6);
        var depth = DepthOf(fill, volume);
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], depth[i], 5);
    }

    [Fact]
    public void Depth_SourceOnAHill_WaterRunsDownToTheLowCells()
    {
        // Everything downhill of the source is reached at the source's own height: the water pools in the low cells.
        var fill = new FillAndSpill([1f, 0f, 0f], [], rows: 1, columns: 3, source: 0);
        Assert.Equal(0.5, fill.Level(1.0), 6);
        Assert.Equal([0f, 0.5f, 0.5f], DepthOf(fill, 1.0));
    }

    [Fact]
    public void Depth_ClosedCellBetween_WaterStaysOnItsSide()
    {
        var fill = new FillAndSpill([0f, 0f, 0f], [true, false, true], rows: 1, columns: 3, source: 0);
        Assert.Equal(1, fill.ReachableCells);
        Assert.Equal([0.0, double.PositiveInfinity, double.PositiveInfinity], fill.SpillElevation());
        Assert.Equal([1f, 0f, 0f], DepthOf(fill, 1.0));
    }

    [Fact]
    public void SpillElevation_TwoDimensionalRidge_LowestPassAroundIt()
    {
        // 3 x 3: a wall of 5 m along the middle row but for a 1 m gap at its right end; from the top-left corner the
        // cells below the wall are reached over the gap.
        float[] bed = [0, 0, 0, 5, 5, 1, 0, 0, 0];
        var spill = new FillAndSpill(bed, [], rows: 3, columns: 3, source: 0).SpillElevation();
        Assert.Equal([0.0, 0, 0, 5, 5, 1, 1, 1, 1], spill);
    }

    [Fact]
    public void Depth_RandomTerrain_HoldsTheVolumeAndGrowsWithIt()
    {
        var random = new Random(5);
        var bed = Enumerable.Range(0, 24 * 24).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
        var fill = new FillAndSpill(bed, [], rows: 24, columns: 24, source: 24 * 12);
        var before = new float[bed.Length];
        foreach (var volume in new[] { 0.0, 0.3, 2.0, 17.0, 150.0, 900.0, 5000.0 })
        {
            var depth = DepthOf(fill, volume);
            Assert.Equal(volume, depth.Sum(d => (double)d), volume * 1e-5 + 1e-5);
            Assert.All(depth, d => Assert.True(d >= 0));
            for (var i = 0; i < depth.Length; i++) Assert.True(depth[i] >= before[i] - 1e-5, $"cell {i} got shallower at {volume}");
            before = depth;
        }
    }

    [Fact]
    public void Constructor_BadInputs_ErrorsNameTheProblem()
    {
        Assert.Contains("open cell",
            Assert.Throws<ArgumentOutOfRangeException>(() => new FillAndSpill([0f, 0f], [false, true], 1, 2, 0)).Message);
        Assert.Contains("row 0, column 1",
            Assert.Throws<ArgumentException>(() => new FillAndSpill([0f, float.NaN], [], 1, 2, 0)).Message);
        Assert.Contains("expected 2 x 2",
            Assert.Throws<ArgumentException>(() => new FillAndSpill([0f, 0f], [], 2, 2, 0)).Message);
        var fill = new FillAndSpill([0f, 0f], [], 1, 2, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => fill.Level(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => fill.Level(double.NaN));
    }
}
