using System.Collections;

namespace HydroWorkshop.Plotting;

/// <summary>Length and shape checks with messages that name the trace.</summary>
internal static class TraceChecks
{
    public static void Check(Trace trace, string where)
    {
        var label = $"{trace.Label} ({where})";
        switch (trace)
        {
            case GridTrace grid:
                var (rows, columns) = GridShape(grid.Z);
                if (grid.X is { } gx && Count(gx) is { } nx && columns is { } cx && nx != cx)
                    throw new ArgumentException($"{label}: x has {nx} values but z has {cx} columns ([y, x] layout)");
                if (grid.Y is { } gy && Count(gy) is { } ny && rows is { } ry && ny != ry)
                    throw new ArgumentException($"{label}: y has {ny} values but z has {ry} rows ([y, x] layout)");
                break;
            default:
                var x = trace.Get("x");
                var y = trace.Get("y");
                if (x is not null && y is not null && Count(x) is { } lx && Count(y) is { } ly && lx != ly)
                    throw new ArgumentException($"{label}: x has {lx} values but y has {ly}");
                break;
        }
    }

    private static int? Count(object value) => value switch
    {
        string => null,
        TypedArray t => t.Length,
        Array a when a.Rank == 1 => a.Length,
        ICollection c => c.Count,
        _ => null,
    };

    private static (int? Rows, int? Columns) GridShape(object? z) => z switch
    {
        Array a when a.Rank == 2 => (a.GetLength(0), a.GetLength(1)),
        TypedArray t when t.Shape.Length == 2 => (t.Shape[0], t.Shape[1]),
        Array a when a.Rank == 1 && a.Length > 0 && a.GetValue(0) is Array row => (a.Length, row.Length),
        _ => (null, null),
    };
}
