namespace HydroWorkshop.Data.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the same seed gives the same numbers on every platform and .NET version
/// (System.Random makes no such promise). Normal by Box-Muller, gamma by Marsaglia-Tsang.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for sub-task <paramref name="stream"/> (e.g. one basin).</summary>
    public static SeededRandom For(ulong seed, ulong stream) => new(seed * 0x9E3779B97F4A7C15UL ^ (stream + 0xD1B54A32D192ED03UL));

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Integer on [low, high).</summary>
    public int Next(int low, int high) => low + (int)(NextDouble() * (high - low));

    public double Normal(double mean = 0, double std = 1)
    {
        if (spareNormal is { } spare)
        {
            spareNormal = null;
            return mean + std * spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        spareNormal = v * factor;
        return mean + std * u * factor;
    }

    /// <summary>Gamma with <paramref name="shape"/> k and <paramref name="scale"/> theta (mean k theta).</summary>
    public double Gamma(double shape, double scale)
    {
        if (shape < 1)
        {
            // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
            return Gamma(shape + 1, scale) * Math.Pow(NextDouble() + 1e-300, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v * scale;
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
