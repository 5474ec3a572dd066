using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class MeasuredVelocityFieldTests
{
    [RealDataFact("flume_soares_frazao_2007_isolated_obstacle")]
    public void Read_SoaresFrazaoField_HasItsTimeStampAndEveryPoint()
    {
        var path = Path.Combine(TestPaths.RealData("flume_soares_frazao_2007_isolated_obstacle"),
            "shallow_water/use_cases/experiment/data/building_vel_t01.txt");

        var field = MeasuredVelocityField.Read(path);

        Assert.Equal(1.0, field.Time);
        Assert.Equal(4245, field.Count); // PROVENANCE.md: 4,245 - 7,236 points per field
        Assert.Equal(2.61, field.X[0], 9);
        Assert.Equal(-1.78, field.Y[0], 9);
        Assert.Equal(-2.71957e-05, field.VelocityX[0], 12);
    }

    [Fact]
    public void Read_CrlfFileWithTrailingTabs_ParsesEveryRow()
    {
        using var folder = new TempFolder();
        var path = folder.File("velocity.txt",
            "Velocity field t=3s\t\t\t\r\nx (m)\ty (m)\tu (m/s)\tv (m/s)\r\n1.5\t-0.2\t2.5\t-0.1\r\n1.6\t0.2\t2.4\t0.1\r\n");

        var field = MeasuredVelocityField.Read(path);

        Assert.Equal(3.0, field.Time);
        Assert.Equal([1.5, 1.6], field.X);
        Assert.Equal([-0.1, 0.1], field.VelocityY);
    }

    [Fact]
    public void Read_BadNumber_ThrowsNamingLineAndColumn()
    {
        using var folder = new TempFolder();
        var path = folder.File("velocity.txt",
            "Velocity field t=1s\r\nx (m)\ty (m)\tu (m/s)\tv (m/s)\r\n1.5\t-0.2\t2.5\t-0.1\r\n1.6\t0.2\tfast\t0.1\r\n");

        var error = Assert.Throws<InvalidDataException>(() => MeasuredVelocityField.Read(path));

        Assert.Contains("line 4", error.Message);
        Assert.Contains("u (m/s)", error.Message);
    }

    [Fact]
    public void Read_TitleWithoutTime_ThrowsNamingLineOne()
    {
        using var folder = new TempFolder();
        var path = folder.File("velocity.txt", "Velocity field\r\nx (m)\ty (m)\tu (m/s)\tv (m/s)\r\n1.5\t-0.2\t2.5\t-0.1\r\n");

        var error = Assert.Throws<InvalidDataException>(() => MeasuredVelocityField.Read(path));

        Assert.Contains("line 1", error.Message);
    }
}
