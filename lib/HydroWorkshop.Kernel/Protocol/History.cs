using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>The inputs (and text outputs) of this kernel's stored executions, for <c>history_request</c>:
/// tail, range and search (glob patterns with <c>*</c> and <c>?</c>, as IPython).</summary>
public sealed class History
{
    public const int Session = 1;

    private readonly List<(int Line, string Input, string? Output)> entries = [];
    private readonly Lock gate = new();

    public void Add(int line, string input, string? output)
    {
        lock (gate) entries.Add((line, input, output));
    }

    public JsonArray Reply(JsonObject request)
    {
        var output = request["output"]?.GetValue<bool>() ?? false;
        var access = request["hist_access_type"]?.GetValue<string>() ?? "tail";
        var n = request["n"] is JsonValue nv && nv.TryGetValue<int>(out var count) ? count : 10;
        List<(int Line, string Input, string? Output)> selected;
        lock (gate)
        {
            selected = access switch
            {
                "range" => Range(request),
                "search" => Search(request["pattern"]?.GetValue<string>() ?? "*", request["unique"]?.GetValue<bool>() ?? false, n),
                _ => [.. entries.TakeLast(Math.Max(0, n))],
            };
        }
        var history = new JsonArray();
        foreach (var (line, input, text) in selected)
        {
            history.Add(new JsonArray(Session, line, output ? new JsonArray(input, text) : JsonValue.Create(input)));
        }
        return history;
    }

    private List<(int, string, string?)> Range(JsonObject request)
    {
        var start = request["start"]?.GetValue<int>() ?? 0;
        var stop = request["stop"] is JsonValue sv && sv.TryGetValue<int>(out var s) ? s : int.MaxValue;
        return [.. entries.Where(e => e.Line >= start && e.Line < stop)];
    }

    private List<(int, string, string?)> Search(string pattern, bool unique, int n)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.Singleline);
        var matches = entries.Where(e => regex.IsMatch(e.Input)).ToList();
        if (unique)
        {
            // Keep the latest run of each distinct input.
            var seen = new HashSet<string>();
            matches = [.. matches.AsEnumerable().Reverse().Where(e => seen.Add(e.Input)).Reverse()];
        }
        return n > 0 ? [.. matches.TakeLast(n)] : matches;
    }
}
