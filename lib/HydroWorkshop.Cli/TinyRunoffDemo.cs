using System.Diagnostics;
using static TorchSharp.torch;

namespace HydroWorkshop.Cli;

/// <summary>
/// <c>hw demo</c>: a first model end to end in a few seconds. A synthetic basin (random storms through a
/// linear reservoir, Q = S / k) gives daily precipitation and discharge; a small network learns discharge
/// from the last 30 days of precipitation, trained with plain gradient descent, scored with NSE.
/// </summary>
internal static class TinyRunoffDemo
{
    private const int Days = 3000, Window = 30, Hidden = 32;

    public static int Run(string[] args)
    {
        var epochs = IntOption(args, "--epochs", 300);
        var seed = (ulong)IntOption(args, "--seed", 42);
        var (precipitation, discharge) = SyntheticBasin(seed);

        using var scope = NewDisposeScope();
        manual_seed((long)seed);
        // windows[i] = precipitation[i .. i+Window), target = discharge at the window's last day
        var samples = Days - Window + 1;
        var inputs = new float[samples * Window];
        var targets = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            Array.Copy(precipitation, i, inputs, i * Window, Window);
            targets[i] = discharge[i + Window - 1];
        }
        var x = tensor(inputs, [samples, Window]);                  // [sample, day]
        var y = tensor(targets, [samples, 1]);                      // [sample, 1]
        var (xMean, xStd, yMean, yStd) = (x.mean(), x.std(), y.mean(), y.std());
        x = (x - xMean) / xStd;
        y = (y - yMean) / yStd;
        var split = samples * 2 / 3;                                 // first two thirds train, rest test
        var (xTrain, yTrain) = (x[..split], y[..split]);
        var (xTest, yTest) = (x[split..], y[split..]);

        var w1 = (randn(Window, Hidden) / Math.Sqrt(Window)).requires_grad_();
        var b1 = zeros([Hidden], requires_grad: true);
        var w2 = (randn(Hidden, 1) / Math.Sqrt(Hidden)).requires_grad_();
        var b2 = zeros([1], requires_grad: true);
        Tensor Predict(Tensor input) => input.matmul(w1).add(b1).tanh().matmul(w2).add(b2);

        var watch = Stopwatch.StartNew();
        Console.WriteLine($"synthetic basin: {Days} days, {split} training windows of {Window} days, {samples - split} test windows");
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            using var step = NewDisposeScope();
            var loss = (Predict(xTrain) - yTrain).pow(2.0).mean();
            loss.backward();
            using (no_grad())
            {
                foreach (var p in new[] { w1, b1, w2, b2 })
                {
                    p.sub_(p.grad! * 0.1);
                    p.grad = null;
                }
            }
            if (epoch % 50 == 0 || epoch == 1) Console.WriteLine($"Epoch {epoch}/{epochs}: Train Loss: {loss.item<float>():F4}");
        }
        using (no_grad())
        {
            var simulated = Predict(xTest);
            // NSE = 1 - sum (sim - obs)^2 / sum (obs - mean obs)^2  (Nash & Sutcliffe 1970)
            var nse = 1 - ((simulated - yTest).pow(2.0).sum() / (yTest - yTest.mean()).pow(2.0).sum()).item<float>();
            Console.WriteLine(
                $"test NSE: {nse:F3} after {watch.Elapsed.TotalSeconds:F1} s ({get_num_threads()} thread(s), libtorch {__version__})");
            return nse > 0.5 ? 0 : 1;
        }
    }

    /// <summary>Daily precipitation (mm/day, storms with exponential depths) and discharge (mm/day) of a
    /// linear reservoir with k = 8 days.</summary>
    private static (float[] Precipitation, float[] Discharge) SyntheticBasin(ulong seed)
    {
        var random = new Random((int)seed);
        var precipitation = new float[Days];
        var discharge = new float[Days];
        double storage = 20, k = 8;
        for (var d = 0; d < Days; d++)
        {
            var wetDay = random.NextDouble() < 0.3;
            precipitation[d] = wetDay ? (float)(-8 * Math.Log(1 - random.NextDouble())) : 0;
            storage += precipitation[d];
            var q = storage / k;
            storage -= q;
            discharge[d] = (float)q;
        }
        return (precipitation, discharge);
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
