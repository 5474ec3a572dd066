using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class NormalisationTests
{
    [Fact]
    public void SaveLoad_RoundTrip_KeepsEveryScale()
    {
        using var temp = new TempFolder();
        var original = new Normalisation
        {
            Inputs = [new("prcp(mm/day)", 3.25, 7.5), new("tmax(C)", 12.125, 9.0)],
            Statics = [new("area_gages2", 812.5, 1024.25)],
            Targets = [new("QObs(mm/d)", 1.0 / 3, 2.0 / 7)],
            FittedOn = "1999-10-01..2008-09-30",
        };
        var path = Path.Combine(temp.Path, "sub", "normalisation.json");
        original.Save(path);
        var loaded = Normalisation.Load(path);
        Assert.Equal(original.Inputs, loaded.Inputs);
        Assert.Equal(original.Statics, loaded.Statics);
        Assert.Equal(original.Targets, loaded.Targets);   // doubles round-trip exactly
        Assert.Equal(original.FittedOn, loaded.FittedOn);
        Assert.Contains("\"mean\": 3.25", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Load_NotANormalisation_NamesFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("n.json", "{\"format\": \"something-else\", \"inputs\": [], \"statics\": [], \"targets\": []}");
        var error = Assert.Throws<DataFileException>(() => Normalisation.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("something-else", error.Message);
        var broken = temp.File("b.json", "{ not json");
        Assert.Contains(broken, Assert.Throws<DataFileException>(() => Normalisation.Load(broken)).Message);
    }

    [Fact]
    public void FromMoments_ConstantFeature_GetsUnitStd()
    {
        Assert.Equal(new FeatureScale("swe", 0, 1), Normalisation.FromMoments("swe", 0, 0, 100));
        var scale = Normalisation.FromMoments("x", 1 + 2 + 3, 1 + 4 + 9, 3);
        Assert.Equal(2, scale.Mean, 12);
        Assert.Equal(1, scale.Std, 12);
        Assert.Throws<InvalidDataException>(() => Normalisation.FromMoments("empty", 0, 0, 0));
    }
}
