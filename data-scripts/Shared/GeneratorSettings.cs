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
}
