namespace HydroWorkshop.Kernel.Execution;

/// <summary>A <c>#r "nuget: …"</c> asks for a version of a package other than the one this kernel session loaded
/// (a session holds one version of each package, as one process holds one version of each assembly).</summary>
public sealed class NuGetVersionConflictException(string message) : InvalidOperationException(message);
