namespace HydroWorkshop.Surrogates;

/// <summary>How the teacher-forcing probability falls over epochs.</summary>
public enum TeacherForcingDecay
{
    /// <summary>Straight line from <see cref="TeacherForcingSchedule.Start"/> to <see cref="TeacherForcingSchedule.End"/> over
    /// <see cref="TeacherForcingSchedule.DecayEpochs"/>.</summary>
    Linear,
    /// <summary>Bengio et al. (2015)'s inverse sigmoid, k / (k + exp(i / k)) with i = epoch − 1 and k = DecayEpochs / 5,
    /// mapped onto [End, Start]: flat at first, then a smooth fall.</summary>
    InverseSigmoid,
}

/// <summary>
/// Scheduled sampling (Bengio et al. 2015, "Scheduled Sampling for Sequence Prediction with RNNs"): in epoch e an
/// autoregressive map model is fed the observed frame instead of its own prediction with probability <see cref="At"/>(e).
/// Early epochs learn one-step dynamics from true inputs; later epochs learn to recover from their own errors, which is
/// what a whole-event roll-out needs. Epochs count from 1.
/// </summary>
public sealed record TeacherForcingSchedule(double Start = 1.0, double End = 0.0, int DecayEpochs = 10,
    TeacherForcingDecay Decay = TeacherForcingDecay.Linear)
{
    /// <summary>No teacher forcing at any epoch (always the model's own predictions).</summary>
    public static TeacherForcingSchedule None => new(0, 0, 1);

    /// <summary>The probability of feeding the observed frame in <paramref name="epoch"/> (1-based).</summary>
    public double At(int epoch)
    {
        if (epoch < 1) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epochs count from 1");
        if (Start is < 0 or > 1 || End is < 0 or > 1) throw new ArgumentException(
            $"teacher forcing probabilities must lie in [0, 1] (start {Start}, end {End})");
        if (DecayEpochs < 1) throw new ArgumentException($"DecayEpochs must be at least 1 (got {DecayEpochs})");
        var i = epoch - 1.0;
        var fraction = Decay switch
        {
            TeacherForcingDecay.Linear => Math.Min(1.0, i / DecayEpochs),
            TeacherForcingDecay.InverseSigmoid => InverseSigmoidFraction(i),
            _ => throw new ArgumentOutOfRangeException(nameof(Decay), Decay, null),
        };
        return Start + (End - Start) * fraction;
    }

    private double InverseSigmoidFraction(double i)
    {
        var k = Math.Max(1.0, DecayEpochs / 5.0);
        double Epsilon(double step) => k / (k + Math.Exp(step / k));
        var first = Epsilon(0);
        return Math.Clamp((first - Epsilon(i)) / first, 0, 1);
    }
}
