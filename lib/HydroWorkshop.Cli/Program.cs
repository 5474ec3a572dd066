using HydroWorkshop.Cli;

// hw info  - what the engine runs on: libtorch, BLAS, threads, CUDA (and why not)
// hw demo  - trains a tiny rainfall-runoff model on a synthetic basin and prints its skill
return args.FirstOrDefault() switch
{
    "info" => EnvironmentReport.Print(),
    "demo" => TinyRunoffDemo.Run(args.Skip(1).ToArray()),
    null or "help" or "--help" or "-h" => Usage(0),
    var other => Usage(2, $"unknown command '{other}'"),
};

static int Usage(int code, string? error = null)
{
    if (error is not null) Console.Error.WriteLine($"hw: {error}");
    Console.WriteLine("usage: hw info | hw demo [--epochs N] [--seed N]");
    return code;
}
