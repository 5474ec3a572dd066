using HydroWorkshop.Kernel;
using HydroWorkshop.Kernel.Install;
using HydroWorkshop.Kernel.Protocol;

const string Usage = """
    HydroWorkshop C# Jupyter kernel
      HydroWorkshop.Kernel <connection_file>            run the kernel (Jupyter starts it this way)
      HydroWorkshop.Kernel install [--user | --prefix DIR | --sys-prefix] [--name NAME]
      HydroWorkshop.Kernel uninstall [--user | --prefix DIR | --sys-prefix] [--name NAME]
      HydroWorkshop.Kernel export NOTEBOOK.ipynb... [--out DIR] [--project HydroWorkshop.csproj]
                                                        each notebook as a .NET file-based app (dotnet run NOTEBOOK.cs)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "export")
{
    string? outFolder = null, project = null;
    var notebooks = new List<string>();
    for (var i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--out" when i + 1 < args.Length: outFolder = args[++i]; break;
            case "--project" when i + 1 < args.Length: project = args[++i]; break;
            case var a when a.StartsWith("--", StringComparison.Ordinal):
                Console.Error.WriteLine($"error: unknown argument '{a}'\n{Usage}");
                return 2;
            default: notebooks.Add(args[i]); break;
        }
    }
    if (notebooks.Count == 0)
    {
        Console.Error.WriteLine($"error: no notebook given\n{Usage}");
        return 2;
    }
    try
    {
        foreach (var notebook in notebooks)
        {
            var output = outFolder is null ? null : Path.Combine(outFolder, Path.GetFileNameWithoutExtension(notebook) + ".cs");
            var (app, command) = HydroWorkshop.Kernel.Export.NotebookExport.Run(notebook, output, Directory.GetCurrentDirectory(), project);
            Console.WriteLine($"{notebook} -> {app}   ({command})");
        }
    }
    catch (HydroWorkshop.Kernel.Export.NotebookExportException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
    return 0;
}

if (args[0] is "install" or "uninstall")
{
    string? prefix = null;
    var name = KernelSpecInstaller.DefaultName;
    for (var i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--user": prefix = null; break;
            case "--prefix" when i + 1 < args.Length: prefix = args[++i]; break;
            case "--sys-prefix": prefix = "/usr/local"; break;
            case "--name" when i + 1 < args.Length: name = args[++i]; break;
            default:
                Console.Error.WriteLine($"error: unknown argument '{args[i]}'\n{Usage}");
                return 2;
        }
    }
    if (args[0] == "install")
    {
        var folder = KernelSpecInstaller.Install(prefix, name);
        Console.WriteLine($"installed kernelspec '{name}' ({KernelSpecInstaller.DisplayName}) in {folder}");
    }
    else
    {
        Console.WriteLine(KernelSpecInstaller.Uninstall(prefix, name)
            ? $"removed kernelspec '{name}' from {KernelSpecInstaller.KernelsFolder(prefix)}"
            : $"kernelspec '{name}' is not installed in {KernelSpecInstaller.KernelsFolder(prefix)}");
    }
    return 0;
}

var connectionFile = args[0] == "--connection-file" && args.Length > 1 ? args[1] : args[0];
ConnectionInfo connection;
try
{
    connection = ConnectionInfo.Load(connectionFile);
}
catch (Exception e) when (e is IOException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
var (delegateKernel, warning) = CheckoutKernel.Choose(Directory.GetCurrentDirectory(), typeof(KernelServer).Assembly.Location);
if (warning is not null) Console.Error.WriteLine($"[HydroWorkshop.Kernel] {warning}");
if (delegateKernel is not null)
{
    Console.Error.WriteLine($"[HydroWorkshop.Kernel] this notebook's checkout has its own kernel: running {delegateKernel}");
    return CheckoutKernel.RunDelegated(delegateKernel, args);
}
CheckoutKernel.ExitWithLauncher();
int exitCode;
using (var server = new KernelServer(connection, Directory.GetCurrentDirectory()))
{
    exitCode = server.Run();
}
// NetMQ's I/O threads are process-wide: end them, or they hold the process after the kernel shut down.
NetMQ.NetMQConfig.Cleanup(block: false);
return exitCode;
