namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// A NuGet version range as a nuspec's dependencies and <c>#r "nuget: Name, Version"</c> write it: <c>1.2</c>
/// (at least 1.2), <c>[1.2]</c> (exactly), <c>[1.2, 2.0)</c>, <c>(, 2.0]</c>, or a wildcard <c>6.*</c>. Pre-release
/// labels are ignored (<c>1.0.0-beta.2</c> compares as 1.0.0): the kernel picks among the versions in the local
/// cache, where one pre-release per release is the rule.
/// </summary>
public readonly record struct NuGetVersionRange(Version? Minimum, bool MinimumInclusive, Version? Maximum, bool MaximumInclusive)
{
    /// <summary>Any version.</summary>
    public static readonly NuGetVersionRange Any = new(null, true, null, true);

    public bool Contains(Version version) =>
        (Minimum is null || (MinimumInclusive ? version >= Minimum : version > Minimum))
        && (Maximum is null || (MaximumInclusive ? version <= Maximum : version < Maximum));

    /// <summary>Whether the range names one version (<c>[1.2]</c>).</summary>
    public bool IsExact => Minimum is not null && Minimum == Maximum && MinimumInclusive && MaximumInclusive;

    /// <summary>Parses <paramref name="text"/>; null, empty and <c>*</c> are <see cref="Any"/>.</summary>
    public static NuGetVersionRange Parse(string? text)
    {
        var t = text?.Trim() ?? "";
        if (t is "" or "*") return Any;
        if (t.EndsWith('*'))
        {
            // "6.*" = [6.0, 7.0); "6.1.*" = [6.1, 6.2).
            var parts = t.TrimEnd('*').TrimEnd('.').Split('.').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
            var upper = parts.ToArray();
            upper[^1]++;
            return new(ParseVersion(string.Join('.', parts)), true, ParseVersion(string.Join('.', upper)), false);
        }
        if (t[0] is not ('[' or '(')) return new(ParseVersion(t), true, null, true);
        var inner = t.Trim('[', ']', '(', ')');
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            var exact = ParseVersion(inner);
            return new(exact, true, exact, true);
        }
        var minimum = inner[..comma].Trim();
        var maximum = inner[(comma + 1)..].Trim();
        return new(minimum.Length == 0 ? null : ParseVersion(minimum), t[0] == '[',
            maximum.Length == 0 ? null : ParseVersion(maximum), t[^1] == ']');
    }

    /// <summary>A version of four parts (<c>1.2</c> is 1.2.0.0, so it equals <c>1.2.0</c>) with its pre-release and
    /// build labels dropped; 0.0.0.0 when unreadable.</summary>
    public static Version ParseVersion(string text)
    {
        var core = text.Trim('[', ']', '(', ')', ' ').Split(',')[0].Split('-', '+')[0];
        return Version.TryParse(core.Contains('.') ? core : core + ".0", out var v)
            ? new Version(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0))
            : new Version(0, 0, 0, 0);
    }

    /// <summary>The version as NuGet writes it: three parts unless the fourth is set (<c>10.1.403</c>).</summary>
    public static string Display(Version version) => version.Revision > 0 ? version.ToString() : version.ToString(3);

    public override string ToString() =>
        IsExact ? $"[{Display(Minimum!)}]"
        : Maximum is null ? (Minimum is null ? "*" : MinimumInclusive ? $">= {Display(Minimum)}" : $"> {Display(Minimum)}")
        : $"{(MinimumInclusive ? '[' : '(')}{(Minimum is null ? "" : Display(Minimum))}, {Display(Maximum)}{(MaximumInclusive ? ']' : ')')}";
}
