using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class TeacherForcingScheduleTests
{
    [Fact]
    public void At_Linear_FallsFromStartToEndThenStays()
    {
        var schedule = new TeacherForcingSchedule(1.0, 0.2, DecayEpochs: 4);
        Assert.Equal(1.0, schedule.At(1), 12);
        Assert.Equal(0.8, schedule.At(2), 12);
        Assert.Equal(0.4, schedule.At(4), 12);
        Assert.Equal(0.2, schedule.At(5), 12);
        Assert.Equal(0.2, schedule.At(50), 12);
    }

    [Fact]
    public void At_InverseSigmoid_StartsAtStartAndFallsMonotonically()
    {
        var schedule = new TeacherForcingSchedule(0.9, 0.0, DecayEpochs: 20, Decay: TeacherForcingDecay.InverseSigmoid);
        Assert.Equal(0.9, schedule.At(1), 12);
        var values = Enumerable.Range(1, 60).Select(schedule.At).ToArray();
        for (var i = 1; i < values.Length; i++) Assert.True(values[i] <= values[i - 1]);
        Assert.True(values[^1] < 0.05);
        Assert.True(values[1] > 0.8);          // flat at first
    }

    [Fact]
    public void At_None_IsZero() => Assert.Equal(0.0, TeacherForcingSchedule.None.At(3));

    [Fact]
    public void At_BadValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherForcingSchedule().At(0));
        Assert.Throws<ArgumentException>(() => new TeacherForcingSchedule(1.5).At(1));
        Assert.Throws<ArgumentException>(() => new TeacherForcingSchedule(DecayEpochs: 0).At(1));
    }
}
