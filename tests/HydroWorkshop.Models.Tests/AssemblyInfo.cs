using Xunit;

// Every test here drives TorchSharp, whose global generator (manual_seed), thread count and live-tensor statistics
// are process-wide; running test classes side by side made one run crash the test host. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
