using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Protocol;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class HistoryTests
{
    private static History Sample()
    {
        var history = new History();
        history.Add(1, "var q = 3.5;", null);
        history.Add(2, "q * 2", "7");
        history.Add(3, "q * 2", "7");
        history.Add(4, "Console.WriteLine(q);", null);
        return history;
    }

    [Fact]
    public void Reply_Tail_LastN()
    {
        var reply = Sample().Reply(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2, ["output"] = false });
        Assert.Equal(2, reply.Count);
        Assert.Equal("Console.WriteLine(q);", reply[1]![2]!.GetValue<string>());
        Assert.Equal(4, reply[1]![1]!.GetValue<int>());
    }

    [Fact]
    public void Reply_RangeWithOutput_InputOutputPairs()
    {
        var reply = Sample().Reply(new JsonObject { ["hist_access_type"] = "range", ["start"] = 2, ["stop"] = 3, ["output"] = true });
        var entry = Assert.Single(reply)!;
        Assert.Equal("7", entry[2]![1]!.GetValue<string>());
    }

    [Fact]
    public void Reply_SearchGlobUnique_OneMatch()
    {
        var history = Sample();
        Assert.Equal(2, history.Reply(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "q *", ["output"] = false }).Count);
        Assert.Single(history.Reply(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "q *", ["unique"] = true,
            ["output"] = false }));
    }
}
