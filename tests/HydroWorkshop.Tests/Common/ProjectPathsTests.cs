using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Tests.Common;

public sealed class ProjectPathsTests
{
    // A variable name of this test's own, so no other test sees it set.
    private static string UniqueVariable() => "HW_TEST_GENERATED_" + Guid.NewGuid().ToString("N");

    [Fact]
    public void GeneratedDataFolder_VariableSet_ReturnsItsValue()
    {
        var variable = UniqueVariable();
        Environment.SetEnvironmentVariable(variable, "/tmp/elsewhere");
        try
        {
            Assert.Equal("/tmp/elsewhere", ProjectPaths.GeneratedDataFolder("some-set", variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void GeneratedDataFolder_InsideAClone_UnderItsOutDataFolder()
    {
        var repository = ProjectPaths.FindRepositoryRoot();

        Assert.NotNull(repository);
        Assert.Equal(Path.Combine(repository, "out", "data", "some-set"), ProjectPaths.GeneratedDataFolder("some-set", UniqueVariable()));
    }
}
