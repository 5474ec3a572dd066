using Xunit;

namespace HydroWorkshop.Tests;

/// <summary>Tests that train, seed libtorch's global generator (torch.manual_seed) or count live tensors run alone,
/// after the parallel ones: the generator and the count are process-wide, so a test running beside them would
/// change model initialisation, dropout draws or the count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial: global generator and tensor count";
}
