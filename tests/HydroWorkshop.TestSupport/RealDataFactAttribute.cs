using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.TestSupport;

/// <summary>A fact that needs a real data set from <c>../shared/data</c>; skipped, with the reason shown,
/// on a fresh clone that has none.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string dataSet)
    {
        DataSet = dataSet;
        if (ProjectPaths.SharedDataSet(dataSet) is null)
        {
            Skip = $"real data set '{dataSet}' not found (looked in $HYDROWORKSHOP_DATA or ../shared/data beside the repository)";
        }
    }

    public string DataSet { get; }
}

/// <summary>The theory form of <see cref="RealDataFactAttribute"/>.</summary>
public sealed class RealDataTheoryAttribute : TheoryAttribute
{
    public RealDataTheoryAttribute(string dataSet)
    {
        DataSet = dataSet;
        if (ProjectPaths.SharedDataSet(dataSet) is null)
        {
            Skip = $"real data set '{dataSet}' not found (looked in $HYDROWORKSHOP_DATA or ../shared/data beside the repository)";
        }
    }

    public string DataSet { get; }
}

/// <summary>Paths a test needs.</summary>
public static class TestPaths
{
    /// <summary>The folder of a real data set; call only from a <see cref="RealDataFactAttribute"/> test.</summary>
    public static string RealData(string dataSet) =>
        ProjectPaths.SharedDataSet(dataSet) ?? throw new InvalidOperationException($"data set '{dataSet}' is missing");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot =>
        ProjectPaths.FindRepositoryRoot() ?? throw new InvalidOperationException("HydroWorkshop.sln not found above the test folder");
}
