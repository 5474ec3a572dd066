namespace HydroWorkshop.Kernel.Execution;

/// <summary>What a <c>#r "nuget: …"</c> adds to the session: the assembly files to reference (those not referenced
/// by an earlier cell) and notes for the cell's output (e.g. a .NET Interactive extension loaded without its host).</summary>
public sealed record NuGetResolution(IReadOnlyList<string> Assemblies, IReadOnlyList<string> Notes);
