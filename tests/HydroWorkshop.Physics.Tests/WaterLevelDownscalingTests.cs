using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class WaterLevelDownscalingTests
{
    [Theory]
    // Beds 0, 0, 1, 1 under a 2 x 2 block. 1 m of coarse water is 4 m3 per m2 of cell: the level 1.5 m covers all four
    // cells (1.5 + 1.5 + 0.5 + 0.5 = 4). 0.2 m is 0.8: the level 0.4 m stays below the high cells (0.4 + 0.4 = 0.8).
    [InlineData(1.0, new[] { 1.5f, 1.5f, 0.5f, 0.5f })]
    [InlineData(0.2, new[] { 0.4f, 0.4f, 0f, 0f })]
    public void Apply_StepBedUnderOneBlock_LevelHoldsTheVolume(double coarse, float[] expected)
    {
        var fine = new float[4];

        WaterLevelDownscaling.Apply([coarse], [0f, 0f, 1f, 1f], fine, rows: 2, columns: 2, factor: 2);

        for (var k = 0; k < 4; k++) Assert.Equal(expected[k], fine[k], 5);
    }

    [Fact]
    public void Apply_FlatBed_RepeatsTheCoarseDepth()
    {
        var fine = new float[16];

        WaterLevelDownscaling.Apply([0.3, 0, 1.2, 0.7], Enumerable.Repeat(2.5f, 16).ToArray(), fine, rows: 4, columns: 4, factor: 2);

        for (var k = 0; k < 16; k++)
        {
            var (row, column) = (k / 4, k % 4);
            Assert.Equal(new[] { 0.3, 0, 1.2, 0.7 }[row / 2 * 2 + column / 2], fine[k], 5);
        }
    }

    [Fact]
    public void Apply_RandomTerrain_EachBlockKeepsItsVolumeAtOneLevel()
    {
        const int rows = 12, columns = 8, factor = 4;
        var random = new Random(7);
        var bed = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 3 - 1)).ToArray();
        // Some blocks dry, some with less water than their deepest hollow holds, some over-topping every cell.
        var coarse = Enumerable.Range(0, rows / factor * (columns / factor))
            .Select(k => k % 3 == 0 ? 0 : random.NextDouble() * (k % 2 == 0 ? 0.1 : 4)).ToArray();
        var fine = new float[rows * columns];

        WaterLevelDownscaling.Apply(coarse, bed, fine, rows, columns, factor);

        for (var b = 0; b < coarse.Length; b++)
        {
            var cellsOfBlock = Enumerable.Range(0, factor * factor)
                .Select(k => (b / (columns / factor) * factor + k / factor) * columns + b % (columns / factor) * factor + k % factor)
                .ToArray();
            Assert.Equal(coarse[b] * factor * factor, cellsOfBlock.Sum(i => (double)fine[i]), 4);
            var wet = cellsOfBlock.Where(i => fine[i] > 0).ToArray();
            Assert.Equal(coarse[b] > 0, wet.Length > 0);
            if (wet.Length == 0) continue;
            var level = bed[wet[0]] + fine[wet[0]];
            foreach (var i in wet) Assert.Equal(level, bed[i] + fine[i], 4);
            foreach (var i in cellsOfBlock.Except(wet)) Assert.True(bed[i] >= level - 1e-4, $"dry cell {i} lies below the level");
        }
    }

    [Fact]
    public void Apply_FactorOne_CopiesTheDepth()
    {
        var fine = new float[4];

        WaterLevelDownscaling.Apply([0.5, 0, 1.25, 0.1], [3f, -1f, 0f, 2f], fine, rows: 2, columns: 2, factor: 1);

        Assert.Equal([0.5f, 0f, 1.25f, 0.1f], fine);
    }

    [Fact]
    public void Apply_NaNOrNegativeCoarseDepth_NaNBlockOrDryBlock()
    {
        var fine = new float[8];

        WaterLevelDownscaling.Apply([double.NaN, -0.2], new float[8], fine, rows: 2, columns: 4, factor: 2);

        // A solver that blew up must stay visible (the evaluation flags NaN); a negative depth holds no water.
        foreach (var k in new[] { 0, 1, 4, 5 }) Assert.True(float.IsNaN(fine[k]));
        foreach (var k in new[] { 2, 3, 6, 7 }) Assert.Equal(0f, fine[k]);
    }

    [Fact]
    public void Apply_FactorNotDividingTheGrid_ThrowsNamingTheFactor()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WaterLevelDownscaling.Apply(new double[4], new float[36], new float[36], rows: 6, columns: 6, factor: 4));

        Assert.Equal("factor", error.ParamName);
        Assert.Contains("6 x 6", error.Message);
    }

    [Fact]
    public void Apply_CoarseMapOfTheWrongSize_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WaterLevelDownscaling.Apply(new double[3], new float[16], new float[16], rows: 4, columns: 4, factor: 2));

        Assert.Equal("coarseDepth", error.ParamName);
    }
}
