using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Plotting;
using HydroWorkshop.Plotting.Benchmarks;

// Usage: dotnet run -c Release [-- --images <folder>]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var imageFolder = args.Length >= 2 && args[0] == "--images" ? args[1] : null;

using var browser = ChromiumBrowser.Launch();
Console.WriteLine($"Chromium {browser.Version}, plotly.js {PlotlyJs.Version}");
using var page = browser.NewPage(1200, 500);

void Measure(string label, Figure figure)
{
    var clock = Stopwatch.StartNew();
    var json = figure.ToJson();
    var buildMs = clock.Elapsed.TotalMilliseconds;
    // First load warms Chromium's script cache for plotly.js; the second one is what a participant sees again.
    page.Load(figure);
    page.Load(figure);
    var t = page.LastTimings!;
    Console.WriteLine($"{label,-48} figure data {json.Length / 1e6,6:0.00} MB  build {buildMs,6:0} ms  " +
                      $"first frame: newPlot {t.RenderMs,6:0} ms, JSON.parse {t.ParseMs,5:0} ms, page start to drawn {t.SincePageStartMs,6:0} ms");
}

var (time, rain, observed, simulated) = SyntheticData.DailyRecord(35);
Measure("hydrograph, 35 years daily (scattergl)", HydroCharts.Hydrograph(time, observed, simulated, rain));

var (solver, model, obstacles, times) = SyntheticData.DepthStack(100, 64, 128);
Measure("depth animation 100 x 64 x 128, compact (u1)", HydroCharts.DepthAnimation(solver, model, 64, 128, 0.1, 0.1, times, obstacles,
    new DepthAnimationOptions { Encoding = MapEncoding.Compact }));
Measure("  peer: same, exact (f4)", HydroCharts.DepthAnimation(solver, model, 64, 128, 0.1, 0.1, times, obstacles,
    new DepthAnimationOptions { Encoding = MapEncoding.Exact }));
var text = new Figure { SignificantDigits = 3 };
text.Add(new Heatmap { Z = Enumerable.Range(0, 64).Select(j => solver.AsSpan(j * 128, 128).ToArray()).ToArray() });
for (var f = 0; f < 100; f++)
    for (var p = 0; p < 3; p++)
        text.Frames.Add(new Frame($"{f}-{p}",
            [new Heatmap { Z = Enumerable.Range(0, 64).Select(j => solver.AsSpan((f * 64 + j) * 128, 128).ToArray()).ToArray() }], 0));
Console.WriteLine($"{"  peer: same cell count as JSON text (float32)",-48} figure data {text.ToJson().Length / 1e6,6:0.00} MB");

var animation = HydroCharts.DepthAnimation(solver, model, 64, 128, 0.1, 0.1, times, obstacles);
var clock = Stopwatch.StartNew();
page.Evaluate("new Promise(function (done) { var gd = document.getElementById('hw-plot'); " +
              "Plotly.animate(gd, null, {frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: 'immediate'}).then(done); })",
              TimeSpan.FromMinutes(2));
Console.WriteLine($"{"  playing all 100 frames at duration 0",-48} {clock.Elapsed.TotalMilliseconds / 100,6:0} ms per frame");

if (imageFolder is not null)
{
    Directory.CreateDirectory(imageFolder);
    var recent = time.Length - 3 * 365;
    HydroCharts.Hydrograph(time[recent..], observed[recent..], simulated[recent..], rain[recent..],
            title: "Hydrograph (synthetic basin and model, last 3 years)")
        .SavePng(Path.Combine(imageFolder, "hydrograph-synthetic.png"), 900, browser: browser);
    if (HydroWorkshop.Common.ProjectPaths.SharedDataSet("camels_us_nwc_sample") is { } camels)
    {
        var (days, discharge, precipitation) = CamelsSample.Read(camels, "01", "01013500", new DateTime(2008, 10, 1),
            new DateTime(2010, 9, 30));
        HydroCharts.Hydrograph(days, discharge, precipitation: precipitation,
                title: "USGS 01013500 Fish River near Fort Kent, Maine (CAMELS-US), water years 2009-2010")
            .SavePng(Path.Combine(imageFolder, "hydrograph.png"), 900, browser: browser);
    }
    animation.Layout.UpdateMenus.Clear();
    animation.Layout.Sliders.Clear();
    animation.Layout.Margin.Set("b", 40);
    animation.Layout.Margin.Set("t", 70);
    var middle = animation.Frames[60];
    for (var p = 0; p < 3; p++) animation.Data[p].Set("z", middle.Data[p].Get("z"));
    animation.Layout.Title = $"Water depth: solver vs model (synthetic, frame {middle.Name})";
    animation.SavePng(Path.Combine(imageFolder, "depth-animation-frame.png"), 1000, animation.Layout.Height - 100, browser: browser);
    foreach (var file in Directory.GetFiles(imageFolder, "*.png")) Console.WriteLine(
        $"wrote {file} ({new FileInfo(file).Length / 1024} KB)");
}
