using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class WorkshopCancellationTests
{
    [Fact]
    public void Cancel_TokenTrippedUntilReset()
    {
        WorkshopCancellation.Reset();
        var token = WorkshopCancellation.Token;
        Assert.False(token.IsCancellationRequested);
        WorkshopCancellation.Cancel();
        Assert.True(token.IsCancellationRequested);
        Assert.Throws<OperationCanceledException>(WorkshopCancellation.ThrowIfCancellationRequested);
        WorkshopCancellation.Reset();
        Assert.False(WorkshopCancellation.Token.IsCancellationRequested);
        Assert.True(token.IsCancellationRequested); // the old token stays tripped for loops still holding it
    }

    [Fact]
    public void Reset_NotTripped_SameToken()
    {
        WorkshopCancellation.Reset();
        var token = WorkshopCancellation.Token;
        WorkshopCancellation.Reset();
        Assert.Equal(token, WorkshopCancellation.Token);
    }
}
