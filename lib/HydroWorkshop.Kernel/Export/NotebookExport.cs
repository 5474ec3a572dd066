using HydroWorkshop.Common;

namespace HydroWorkshop.Kernel.Export;

/// <summary>
/// Where an export goes and what it references, for the <c>#!export</c> magic and the kernel's <c>export</c>
/// command: the app lands in <c>&lt;repo&gt;/out/exported/&lt;notebook&gt;.cs</c> (or beside the notebook outside the
/// repository) and references <c>lib/HydroWorkshop/HydroWorkshop.csproj</c> of the notebook's repository.
/// </summary>
public static class NotebookExport
{
    public const string LibraryProject = "lib/HydroWorkshop/HydroWorkshop.csproj";

    /// <summary>Exports <paramref name="notebook"/> (relative to <paramref name="workingDirectory"/>); returns the
    /// app's path and the command that runs it.</summary>
    public static (string App, string Command) Run(string notebook, string? output, string workingDirectory, string? project = null)
    {
        var notebookPath = Path.GetFullPath(Path.Combine(workingDirectory, notebook));
        if (!File.Exists(notebookPath))
            throw new NotebookExportException(
                $"notebook not found: {notebookPath} (save it first; paths are relative to {workingDirectory})");
        var repository = ProjectPaths.FindRepositoryRoot(Path.GetDirectoryName(notebookPath));
        project = project is null ? null : Path.GetFullPath(Path.Combine(workingDirectory, project));
        project ??= repository is null ? null : Path.Combine(repository, LibraryProject);
        if (project is null || !File.Exists(project))
            throw new NotebookExportException(
                $"the library project was not found ({project ?? LibraryProject} beside the notebook's repository); pass its path");
        var name = Path.GetFileNameWithoutExtension(notebookPath) + ".cs";
        var app = output is not null
            ? Path.GetFullPath(Path.Combine(workingDirectory, output))
            : Path.Combine(repository is null ? Path.GetDirectoryName(notebookPath)! : Path.Combine(repository, "out", "exported"), name);
        NotebookExporter.ExportFile(notebookPath, app, project);
        var shown = Path.GetRelativePath(workingDirectory, app);
        return (app, $"dotnet run {(shown.StartsWith("..", StringComparison.Ordinal) && shown.Count(c => c == '/') > 3 ? app : shown)}");
    }
}
