using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HydroWorkshop.Kernel.Tests;

/// <summary>A small documented library compiled on the fly: Gauging.dll with Gauging.xml beside it, as a NuGet
/// package or a colleague's build would give them.</summary>
internal static class GaugingAssembly
{
    private const string Source = """
        namespace Gauging;

        /// <summary>A stage–discharge rating curve.</summary>
        public static class Rating
        {
            /// <summary>Discharge from stage with the power law <c>a (h - h0)^b</c>.</summary>
            /// <param name="stage">Water level, m.</param>
            /// <returns>Discharge, m³/s.</returns>
            public static double Discharge(double stage) => 3.1 * System.Math.Pow(stage - 0.2, 1.6);
        }
        """;

    /// <summary>Writes Gauging.dll and Gauging.xml into <paramref name="folder"/>; returns the dll's path.</summary>
    public static string Write(string folder)
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var compilation = CSharpCompilation.Create("Gauging",
            [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose))],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                MetadataReference.CreateFromFile(Path.Combine(runtime, "System.Runtime.dll"))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var dll = Path.Combine(folder, "Gauging.dll");
        using (var assembly = File.Create(dll))
        using (var xml = File.Create(Path.Combine(folder, "Gauging.xml")))
        {
            var emitted = compilation.Emit(assembly, xmlDocumentationStream: xml);
            if (!emitted.Success) throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        }
        return dll;
    }
}
