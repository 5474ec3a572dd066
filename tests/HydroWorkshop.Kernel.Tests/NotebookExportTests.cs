using HydroWorkshop.Kernel.Execution;
using HydroWorkshop.Kernel.Export;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class NotebookExportTests
{
    /// <summary>A folder shaped like the repository: HydroWorkshop.sln, the library project, a notebook.</summary>
    private static string FakeRepository()
    {
        var root = Directory.CreateTempSubdirectory("hw-export-repo-").FullName;
        File.WriteAllText(Path.Combine(root, "HydroWorkshop.sln"), "");
        Directory.CreateDirectory(Path.Combine(root, "lib", "HydroWorkshop"));
        File.WriteAllText(Path.Combine(root, NotebookExport.LibraryProject), "<Project />");
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.WriteAllText(Path.Combine(root, "notebooks", "01-demo.ipynb"), NotebookExporterTests.Notebook("var q = 2.5;", "q * 2"));
        return root;
    }

    [Fact]
    public void Run_InRepository_WritesOutExportedWithRunCommand()
    {
        var root = FakeRepository();
        try
        {
            var (app, command) = NotebookExport.Run("01-demo.ipynb", null, Path.Combine(root, "notebooks"));
            Assert.Equal(Path.Combine(root, "out", "exported", "01-demo.cs"), app);
            Assert.Equal("dotnet run ../out/exported/01-demo.cs", command);
            Assert.Contains("#:project ../../lib/HydroWorkshop/HydroWorkshop.csproj", File.ReadAllText(app), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Run_MissingNotebookOrProject_ErrorsSayWhatAndWhere()
    {
        var root = FakeRepository();
        try
        {
            var missing = Assert.Throws<NotebookExportException>(() => NotebookExport.Run("02-absent.ipynb", null,
                Path.Combine(root, "notebooks")));
            Assert.Contains("notebook not found", missing.Message, StringComparison.Ordinal);
            Assert.Contains("02-absent.ipynb", missing.Message, StringComparison.Ordinal);
            File.Delete(Path.Combine(root, NotebookExport.LibraryProject));
            var noProject = Assert.Throws<NotebookExportException>(() => NotebookExport.Run("01-demo.ipynb", null,
                Path.Combine(root, "notebooks")));
            Assert.Contains("library project was not found", noProject.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ExportMagic_InCell_WritesAppAndPrintsCommand()
    {
        var root = FakeRepository();
        try
        {
            var sink = new RecordingSink();
            var executor = new CellExecutor(sink, () => { }, Path.Combine(root, "notebooks"));
            var output = new StringWriter();
            var previous = Console.Out;
            Console.SetOut(output);
            ExecutionOutcome outcome;
            try
            {
                outcome = executor.Execute("#!export 01-demo.ipynb ../out/demo-app.cs", "In[1]");
            }
            finally
            {
                Console.SetOut(previous);
            }
            Assert.True(outcome.IsSuccess, outcome.Error?.Value);
            Assert.True(File.Exists(Path.Combine(root, "out", "demo-app.cs")));
            Assert.Contains("run it with: dotnet run ../out/demo-app.cs", output.ToString(), StringComparison.Ordinal);
            var failed = executor.Execute("#!export nowhere.ipynb", "In[2]");
            Assert.Equal("ExportError", failed.Error?.Name);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
