using System.Globalization;

/// <summary>
/// The command line of the data generators (FlumeGenerator, BreachGenerator): <c>--name value</c> pairs over a table of
/// defaults. Unknown options and missing values are named with the list of valid ones; values are parsed on use, so an
/// error names the option.
/// </summary>
internal sealed class GeneratorSettings(string program, Dictionary<string, string> defaults)
{
    private readonly Dictionary<string, string> values = new(defaults);

    public string this[string key] => values[key];

    /// <summary>Reads <paramref name="args"/>; returns an exit code when the program should stop (0 after --help,
    /// 2 after an error, both printed), else null.</summary>
    public int? Read(string[] args)
    {
        for (var k = 0; k < args.Length; k++)
        {
            if (args[k] is "-h" or "--help")
            {
                Console.WriteLine(program + " " + string.Join(" ", values.Select(s => $"[--{s.Key} {s.Value}]")));
                return 0;
            }
            var key = args[k].StartsWith("--", StringComparison.Ordinal) ? args[k][2..] : "";
            if (!values.ContainsKey(key) || k + 1 >= args.Length)
            {
                Console.Error.WriteLine($"unknown option or missing value: '{args[k]}' (options: {string.Join(", ", values.Keys.Select(s => "--" + s))})");
                return 2;
            }
            values[key] = args[++k];
        }
        return null;
    }

    public int Int(string key) => int.TryParse(values[key], CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--{key}: '{values[key]}' is not an integer");

    public double Real(string key) => double.TryParse(values[key], CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--{key}: '{values[key]}' is not a number");

    /// <summary>Runs a generator: Ctrl+C cancels it (finished events are kept, a re-run resumes), and the errors a
    /// user can cause end it with their message and exit code 1 (130 when interrupted).</summary>
    public static int Run(Func<CancellationToken, int> generate)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("stopping; finished events are kept, re-run to resume");
            interrupt.Cancel();
        };
        try
        {
            return generate(interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted; re-run the same command to resume");
            return 130;
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
    }
}

/// <summary>Prints each progress line at once, on the reporting thread (Progress&lt;T&gt; would post them to the pool, out of order).</summary>
internal sealed class ConsoleLines : IProgress<string>
{
    public void Report(string value) => Console.WriteLine(value);
}
