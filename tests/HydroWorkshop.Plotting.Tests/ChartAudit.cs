using System.Text.Json;
using System.Text.RegularExpressions;
using HydroWorkshop.Plotting;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>
/// Checks that hold for every chart, whatever drew it: measured on the page plotly.js drew (overlapping elements,
/// text cut off at the figure's edge, axis ranges that leave most of a plot empty, plots too small to read, log-axis
/// tick labels that do not say their value) and on the figure model (one quantity and one unit per axis, one spelling
/// per unit). Each finding is a sentence naming the element; an empty list is a clean chart.
/// </summary>
internal static partial class ChartAudit
{
    /// <summary>A plot area whose data fill less than this share of an axis' length is mostly empty.</summary>
    public const double MinimumDataCoverage = 0.5;

    /// <summary>Smallest readable plot area, px: its shorter side and its longer side.</summary>
    public const int MinimumPlotShortSide = 100, MinimumPlotLongSide = 240;

    /// <summary>Loads <paramref name="figure"/> in a new tab <paramref name="width"/> px wide (its own height, or 500
    /// px) and returns what the page and the figure model checks find. With HW_CHART_SCREENSHOTS set to a folder,
    /// a PNG of each audited chart is written there (name-width.png) for a person to look at.</summary>
    public static string[] Check(ChromiumBrowser browser, Figure figure, int width, string name)
    {
        using var page = browser.NewPage(width, figure.Layout.Height ?? 500);
        page.Load(figure);
        var findings = Page(page).Concat(Units(figure)).ToArray();
        if (Environment.GetEnvironmentVariable("HW_CHART_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{name}-{width}.png"), page.Screenshot());
        }
        return findings.Select(f => $"{name} at {width} px: {f}").ToArray();
    }

    /// <summary>The page checks on the chart that <paramref name="page"/> shows.</summary>
    public static IEnumerable<string> Page(ChromiumPage page) =>
        page.Evaluate(Script.Replace("MIN_COVERAGE", MinimumDataCoverage.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("MIN_SHORT", MinimumPlotShortSide.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("MIN_LONG", MinimumPlotLongSide.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .EnumerateArray().Select(e => e.GetString()!);

    /// <summary>Axis titles name one quantity with at most one unit in parentheses; traces drawn on an axis that name
    /// a unit (<c>"wet RMSE (cm)"</c>) use the axis' unit; a unit is spelled one way in the whole figure.</summary>
    public static IEnumerable<string> Units(Figure figure)
    {
        var axes = figure.Layout.Attributes.Where(a => AxisKey().IsMatch(a.Key) && a.Value is Axis)
            .ToDictionary(a => a.Key, a => (Axis)a.Value!);
        foreach (var (key, axis) in axes)
        {
            if (axis.Title is not { } title) continue;
            var units = UnitsIn(title).ToArray();
            if (units.Length > 1) yield return $"{key} title '{title}' has {units.Length} units";
            if (QuantityList().IsMatch(UnitPattern().Replace(title, "")))
                yield return $"{key} title '{title}' lists several quantities on one axis";
            var unit = units.FirstOrDefault();
            var id = (key.StartsWith('x') ? "x" : "y") + key[5..];
            foreach (var trace in figure.Data.Where(t => (key.StartsWith('x') ? t.XAxis ?? "x" : t.YAxis ?? "y") == id))
                foreach (var traceUnit in UnitsIn(trace.Name ?? ""))
                    if (unit is null || Canonical(traceUnit) != Canonical(unit))
                        yield return
                            $"{trace.Type} trace '{trace.Name}' is in {traceUnit} but its axis {key} ('{title}') is in {unit ?? "no unit"}";
        }
        var texts = axes.Values.Select(a => a.Title).Concat(figure.Data.SelectMany(t => new[] { t.Name, t.HoverTemplate }))
            .Where(t => t is not null).Cast<string>();
        var spellings = texts.SelectMany(t => SpelledUnits().Matches(t).Select(m => m.Value)).Distinct().ToArray();
        foreach (var group in spellings.GroupBy(Canonical).Where(g => g.Count() > 1))
            yield return $"one unit spelled {group.Count()} ways: {string.Join(", ", group.Select(s => $"'{s}'"))}";
    }

    /// <summary>Units in parentheses: "(mm/day)", "(m³/s)", "(cm)"; not remarks such as "(median 0.62)".</summary>
    private static IEnumerable<string> UnitsIn(string text) =>
        UnitPattern().Matches(text).Select(m => m.Groups[1].Value.Trim()).Where(u => !NotAUnit().IsMatch(u));

    /// <summary>The same unit whatever its spelling (<c>mm/d</c> = <c>mm/day</c>, <c>m3/s</c> = <c>m³/s</c>).</summary>
    private static string Canonical(string unit) => unit.Replace("³", "3").Replace("day", "d").Replace(" ", "");

    [GeneratedRegex(@"^[xy]axis\d*$")]
    private static partial Regex AxisKey();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"\s\d|\d\.\d|=|:|\w+\s+\w+\s+\w+")]
    private static partial Regex NotAUnit();

    /// <summary>"CSI, wet RMSE", "loss and NSE", "CSI / RMSE": more than one quantity named.</summary>
    [GeneratedRegex(@",|;| and | & | / ")]
    private static partial Regex QuantityList();

    /// <summary>Spellings of the units the workshop uses, as written anywhere in a figure's text.</summary>
    [GeneratedRegex(@"mm/day\b|mm/d\b|m³/s|m3/s")]
    private static partial Regex SpelledUnits();

    private const string Script = """
        (function () {
          var gd = document.getElementById('hw-plot'), full = gd._fullLayout, found = [];
          function box(e) { var r = e.getBoundingClientRect(); return { l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width, h: r.height }; }
          function meet(a, b) { return a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5; }
          function shown(e) {
            var r = e.getBoundingClientRect(), style = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
              && !/rgba\(.*,\s*0\)$/.test(style.fill) && style.fillOpacity !== '0' && style.opacity !== '0';
          }
          function text(e) { return (e.textContent || '').trim(); }
          function all(selector) { return Array.from(document.querySelectorAll(selector)).filter(shown); }
          function named(selector, what, label) {
            return all(selector).map(function (e) { var b = box(e); b.name = what + (label ? " '" + label(e) + "'" : ''); b.el = e; return b; });
          }
          var svg = box(document.querySelector('.main-svg'));

          // Text: titles, annotations, tick labels, legend entries, colour-bar titles and ticks.
          var titles = named('.gtitle, .g-xtitle text, .g-ytitle text, [class^="g-x"][class$="title"] text, [class^="g-y"][class$="title"] text, .annotation-text, .cbtitle text',
            'title', text);
          // Tick labels of every axis (classes follow the axis id: xtick, x2tick, y3tick; overlaid axes draw theirs
          // in another layer), grouped by axis; colour-bar ticks are the colour bar's own.
          var tickSets = [], layers = [];
          all('g[class$="tick"] > text').filter(function (e) { return !e.closest('.colorbar, .legend, .slider-container'); }).forEach(function (e) {
            var layer = e.parentNode.parentNode, n = layers.indexOf(layer);
            if (n < 0) { n = layers.length; layers.push(layer); tickSets.push([]); }
            tickSets[n].push(Object.assign(box(e), { name: "tick label '" + text(e) + "'", el: e }));
          });
          var ticks = [].concat.apply([], tickSets);
          var legend = named('.legend .bg', 'legend');
          var legendText = named('.legend .legendtext', 'legend entry', text);
          var bars = named('.infolayer .colorbar .cbbg', 'colour bar');
          var buttons = named('.updatemenu-button', 'button', text);
          var slider = named('.slider-grip', 'slider handle').concat(named('.slider-rail-rect', 'slider rail'))
            .concat(named('.slider-current-value', 'slider label', text));
          var stepLabels = named('.slider-label', 'slider step label', text);
          var plots = Object.keys(full._plots).filter(function (k) { return !full._plots[k].mainplot; }).map(function (k) {
            var p = full._plots[k];
            return { l: p.xaxis._offset + svg.l, r: p.xaxis._offset + p.xaxis._length + svg.l, t: p.yaxis._offset + svg.t,
              b: p.yaxis._offset + p.yaxis._length + svg.t, w: p.xaxis._length, h: p.yaxis._length, name: 'plot area ' + k };
          });

          // 1. Text cut off at the figure's edge.
          titles.concat(ticks, legendText, buttons).forEach(function (t) {
            if (t.l < svg.l - 1 || t.r > svg.r + 1 || t.t < svg.t - 1 || t.b > svg.b + 1)
              found.push(t.name + ' is cut off by the figure edge');
          });
          // 2. Overlapping elements.
          function none(a, b, why) { a.forEach(function (x) { b.forEach(function (y) { if (x !== y && meet(x, y)) found.push(x.name + ' overlaps ' + y.name + (why || '')); }); }); }
          none(buttons, slider);
          none(legend, plots.concat(titles, ticks));
          none(bars, plots.concat(titles.filter(function (t) { return !t.el.closest('.colorbar'); }), ticks));
          none(buttons.concat(slider), titles.concat(ticks, plots));
          stepLabels.forEach(function (a, i) { stepLabels.slice(i + 1).forEach(function (b) { if (meet(a, b)) found.push(a.name + ' overlaps ' + b.name); }); });
          titles.forEach(function (a, i) { titles.slice(i + 1).forEach(function (b) { if (meet(a, b)) found.push(a.name + ' overlaps ' + b.name); }); });
          none(titles.filter(function (t) { return !t.el.closest('.colorbar'); }), ticks);
          tickSets.forEach(function (s) {
            s.forEach(function (a, i) { s.slice(i + 1).forEach(function (b) { if (meet(a, b)) found.push(a.name + ' overlaps ' + b.name); }); });
          });

          // 3. Plot areas too small to read.
          plots.forEach(function (p) {
            if (Math.min(p.w, p.h) < MIN_SHORT || Math.max(p.w, p.h) < MIN_LONG)
              found.push(p.name + ' is only ' + Math.round(p.w) + ' x ' + Math.round(p.h) + ' px');
          });

          // 4. Axis ranges that leave most of a plot area empty, and bars or filled areas reaching into the lines of
          //    another y axis drawn over the same plot area.
          var areas = {};
          gd._fullData.forEach(function (tr, i) {
            if (tr.visible !== true || ['scatter', 'scattergl', 'bar'].indexOf(tr.type) < 0) return;
            // Markers drawn over a map (gauges on a heat map) mark places, not the data's extent: the grid fills the area.
            if (gd._fullData.some(function (o) { return (o.type === 'heatmap' || o.type === 'contour') && (o.xaxis || 'x') === (tr.xaxis || 'x'); })) return;
            var xa = full[(tr.xaxis || 'x').replace('x', 'xaxis')], ya = full[(tr.yaxis || 'y').replace('y', 'yaxis')];
            var xs = Array.from(tr.x || []), ys = Array.from(tr.y || []), px = [], py = [];
            var filled = tr.type === 'bar' || tr.fill === 'tozeroy';
            for (var j = 0; j < Math.min(xs.length, ys.length); j++) {
              if (xs[j] === null || ys[j] === null || (typeof ys[j] === 'number' && !isFinite(ys[j]))) continue;
              var x = xa.c2p(xa.d2c(xs[j])), y = ya.c2p(ya.d2c(ys[j]));
              if (!isFinite(x) || !isFinite(y)) continue;
              px.push(x); py.push(y);
              // A bar covers its width, not only its centre.
              var bar = tr.type === 'bar' && gd.calcdata[i] && gd.calcdata[i][j];
              if (bar && isFinite(bar.p0) && isFinite(bar.p1)) px.push(xa.c2p(bar.p0), xa.c2p(bar.p1));
              if (filled) py.push(ya.c2p(ya.type === 'log' ? ya.range[0] : 0));
            }
            if (px.length === 0) return;
            var key = xa._id + ' ' + Math.round(ya._offset) + ' ' + Math.round(ya._length);
            var area = areas[key] = areas[key] || { name: tr.xaxis + (tr.yaxis || 'y'), w: xa._length, h: ya._length, marks: [] };
            area.marks.push({ trace: tr.name || ('trace ' + i), axis: tr.yaxis || 'y', filled: filled,
              l: Math.max(0, Math.min.apply(null, px)), r: Math.min(xa._length, Math.max.apply(null, px)),
              t: Math.max(0, Math.min.apply(null, py)), b: Math.min(ya._length, Math.max.apply(null, py)) });
          });
          Object.keys(areas).forEach(function (k) {
            var a = areas[k], m = a.marks;
            var w = Math.max.apply(null, m.map(function (v) { return v.r; })) - Math.min.apply(null, m.map(function (v) { return v.l; }));
            var h = Math.max.apply(null, m.map(function (v) { return v.b; })) - Math.min.apply(null, m.map(function (v) { return v.t; }));
            if (w < MIN_COVERAGE * a.w) found.push('the data fill only ' + Math.round(100 * w / a.w) + ' % of the x axis of plot area ' + a.name);
            if (h < MIN_COVERAGE * a.h) found.push('the data fill only ' + Math.round(100 * h / a.h) + ' % of the y axis of plot area ' + a.name);
            m.filter(function (f) { return f.filled; }).forEach(function (f) {
              m.filter(function (o) { return o.axis !== f.axis && !o.filled; }).forEach(function (o) {
                if (f.t < o.b + 4 && o.t < f.b + 4) found.push("'" + f.trace + "' (" + f.axis + ") reaches into '" + o.trace + "' (" + o.axis + ')');
              });
            });
          });

          // 5. Linear axes step by 1, 2, 2.5 or 5 x 10^k (a synced second axis read 73, 147, 220, 294).
          Object.keys(full).filter(function (k) { return /^[xy]axis\d*$/.test(k) && full[k].type === 'linear' && full[k].visible; }).forEach(function (k) {
            var v = (full[k]._vals || []).filter(function (t) { return !t.minor; }).map(function (t) { return t.x; });
            if (v.length < 2) return;
            var step = Math.abs(v[1] - v[0]), m = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            if (![1, 2, 2.5, 5, 10].some(function (n) { return Math.abs(m - n) < 1e-6 * n; }))
              found.push(k + ' ticks step by ' + +step.toPrecision(4) + ', not 1, 2, 2.5 or 5 x 10^k');
          });

          // 6. Log axes: every tick label says its value ("0.2", "2k"), not only its leading digit.
          var si = { k: 1e3, M: 1e6, G: 1e9, m: 1e-3, 'µ': 1e-6, 'μ': 1e-6 };
          Object.keys(full).filter(function (k) { return /^[xy]axis\d*$/.test(k) && full[k].type === 'log'; }).forEach(function (k) {
            (full[k]._vals || []).forEach(function (v) {
              var label = String(v.text || '').replace(/<[^>]*>/g, '').replace(/\u2212/g, '-').trim();
              if (label === '') return;
              var m = /^(-?[0-9.]+(?:e[+-]?\d+)?)\s*([kMGmµμ]?)$/.exec(label);
              var value = m ? parseFloat(m[1]) * (si[m[2]] || 1) : NaN, want = Math.pow(10, v.x);
              if (!(Math.abs(value - want) <= 0.02 * want)) found.push(k + " tick label '" + label + "' stands for " + want.toPrecision(3));
            });
          });
          return found;
        })()
        """;
}
