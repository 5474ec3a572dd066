namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>tests/fixtures/torch/optim.json, written by tests/fixtures/make_optim_fixtures.py (PyTorch 1.13).</summary>
public static class OptimFixtures
{
    private static readonly Lazy<(string Version, Dictionary<string, FixtureCase> Cases)> Fixture = new(() => TorchFixtures.Load("optim.json"));

    public static IReadOnlyDictionary<string, FixtureCase> Cases => Fixture.Value.Cases;

    public static string TorchVersion => Fixture.Value.Version;

    /// <summary>Values 1e-5 relative, as the issue asks.</summary>
    public const double Rtol = 1e-5, Atol = 1e-7;
}
