"""Executes tests/kernel/dotnet_interactive.ipynb, a notebook written for .NET Interactive (kernelspec
`.net-csharp`, `#!csharp` cells, `#i`, `#r "nuget: Plotly.NET / Plotly.NET.Interactive / Deedle"`, `display`,
`#!time`), unedited, through the HydroWorkshop kernel with nbclient, and checks the outputs: packages from the
local NuGet cache, Plotly.NET charts as `application/vnd.plotly.v1+json` plus offline HTML, Deedle frames and
series as head/tail tables.

Offline: nothing in the kernel downloads, and the kernel runs with HTTP(S)_PROXY pointing at a closed local
port, so any download attempt would fail its cell; the test also checks that the assemblies come from the local
package folders and that no HTML loads a script over http(s). The packages come from scripts/setup.d/45-notebook-packages.sh."""
import json
import os
import re
import shutil
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

import kernel_env

kernel_env.install_test_kernelspec()
HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOK = os.path.join(HERE, "dotnet_interactive.ipynb")
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CLOSED_PORT_PROXY = "http://127.0.0.1:9"


def package_folders():
    """The local package folders the kernel searches (NuGetResolver.Default), existing ones only."""
    folders = [os.environ.get("NUGET_PACKAGES"), os.path.expanduser("~/.nuget/packages"), "/opt/nuget/packages"]
    return [os.path.realpath(f) for f in folders if f and os.path.isdir(f)]


class DotNetInteractiveNotebookTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [p for p in ("plotly.net/6.0.0", "plotly.net.interactive/6.0.0", "plotly.net.csharp/0.14.0", "deedle/8.1.0")
                   if not any(os.path.isdir(os.path.join(f, p)) for f in package_folders())]
        if missing:
            raise RuntimeError(f"not in the local NuGet cache ({package_folders()}): {missing}; "
                               "run scripts/setup.d/45-notebook-packages.sh")
        cls.work = tempfile.mkdtemp(prefix="hw-kernel-dotnet-interactive-")
        cls.source = nbformat.read(NOTEBOOK, as_version=4)
        nb = nbformat.read(NOTEBOOK, as_version=4)
        env = dict(os.environ, HTTP_PROXY=CLOSED_PORT_PROXY, HTTPS_PROXY=CLOSED_PORT_PROXY,
                   http_proxy=CLOSED_PORT_PROXY, https_proxy=CLOSED_PORT_PROXY, NO_PROXY="", no_proxy="")
        # The notebook names .NET Interactive's kernelspec; it runs, unedited, in ours.
        client = NotebookClient(nb, kernel_name=kernel_env.KERNEL_NAME, timeout=300, startup_timeout=120,
                                resources={"metadata": {"path": cls.work}})
        client.execute(env=env)
        cls.cells = [c for c in nb.cells if c.cell_type == "code"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def outputs(self, index, output_type=None):
        return [o for o in self.cells[index].outputs if output_type is None or o.output_type == output_type]

    def stdout(self, index):
        return "".join(o.text for o in self.outputs(index, "stream") if o.name == "stdout")

    def rich(self, index, output_type):
        return [o.data for o in self.outputs(index, output_type)]

    def test_notebook_is_written_for_dotnet_interactive(self):
        self.assertEqual(self.source.metadata.kernelspec.name, ".net-csharp")
        self.assertEqual(self.source.metadata.language_info.name, "C#")
        code = [c.source for c in self.source.cells if c.cell_type == "code"]
        self.assertTrue(all(s.startswith(("#!csharp", "#!time")) for s in code), code)
        self.assertIn('#r "nuget: Plotly.NET.Interactive, 6.0.0"', code[0])

    def test_no_cell_failed(self):
        errors = [(i, o.ename, o.evalue) for i, c in enumerate(self.cells) for o in c.outputs if o.output_type == "error"]
        self.assertEqual(errors, [])

    def test_feed_url_and_extension_are_accepted_with_a_note(self):
        text = self.stdout(0)
        self.assertIn('#i "nuget: https://api.nuget.org/v3/index.json" skipped', text)
        self.assertIn("Plotly.NET.Interactive 6.0.0 is a .NET Interactive extension", text)
        self.assertIn("Plotly.NET 6.0.0", text)

    def test_packages_come_from_the_local_cache(self):
        lines = self.stdout(1).splitlines()
        paths, verdict = lines[:3], lines[3]
        self.assertEqual([os.path.basename(p) for p in paths], ["Plotly.NET.dll", "Deedle.dll", "FSharp.Core.dll"])
        for path in paths:
            self.assertTrue(any(os.path.realpath(path).startswith(f + os.sep) for f in package_folders()), path)
        self.assertIn(os.sep + "plotly.net" + os.sep + "6.0.0" + os.sep, paths[0])
        self.assertIn(os.sep + "deedle" + os.sep + "8.1.0" + os.sep, paths[1])
        # The extension is replaced, not loaded: no .NET Interactive assembly in the kernel.
        self.assertEqual(verdict, "extension API loaded: False")

    def test_chart_as_cell_value_is_plotly_json_with_the_data(self):
        data = self.rich(2, "execute_result")[0]
        figure = data[PLOTLY_MIME]
        self.assertEqual(set(figure), {"data", "layout", "config"})
        trace = figure["data"][0]
        self.assertEqual((trace["type"], trace["name"], trace["mode"]), ("scatter", "discharge", "lines+markers"))
        self.assertEqual(trace["x"], [1, 2, 3, 4])
        self.assertEqual(trace["y"], [3.5, 4.25, 2.0, 6.75])
        self.assertEqual(data["text/plain"], "Plotly.NET chart: 1 trace(s) [scatter]")

    def test_first_chart_html_carries_plotly_js(self):
        html = self.rich(2, "execute_result")[0]["text/html"]
        self.assertIn("plotly.js v", html[:500])
        self.assertGreater(len(html), 1_000_000)
        # The figure JSON the page draws is the one in the plotly MIME type.
        embedded = re.search(r'<script type="application/json" id="hw-figure-[0-9a-f]+">(.*?)</script>', html, re.S)
        self.assertEqual(json.loads(embedded.group(1))["data"][0]["y"], [3.5, 4.25, 2.0, 6.75])
        self.assertIn("Plotly.newPlot", html)

    def test_displayed_chart_then_stdout_in_order(self):
        outputs = self.outputs(3)
        self.assertEqual([o.output_type for o in outputs], ["display_data", "stream"])
        bar = outputs[0].data[PLOTLY_MIME]["data"][0]
        self.assertEqual((bar["type"], bar["x"], bar["y"]), ("bar", ["gauge A", "gauge B"], [12.5, 7.25]))
        self.assertIn('"y":[12.5,7.25]', outputs[0].data["text/html"])
        self.assertEqual(outputs[1].text, "after the chart\n")

    def test_no_html_loads_a_script_from_the_network(self):
        for i, cell in enumerate(self.cells):
            for output in cell.outputs:
                html = output.get("data", {}).get("text/html", "")
                found = re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//[^>]*>", html, re.I)
                self.assertIsNone(found, f"cell {i}: {found and found.group(0)}")

    def test_time_magic(self):
        self.assertRegex(self.stdout(4), r"^Wall time: \d+(\.\d+)? ms\n$")

    def test_large_frame_shows_head_tail_and_size(self):
        data = self.rich(4, "execute_result")[0]
        text, html = data["text/plain"], data["text/html"]
        self.assertEqual(text.splitlines()[0], "Frame<DateTime, String>: 100000 rows × 2 columns")
        self.assertLess(len(text.splitlines()), 20)
        self.assertIn("<th>discharge</th><th>stage</th>", html)
        self.assertIn("<tr><th>2000-01-01</th><td>0</td><td>1000</td></tr>", html)
        self.assertIn("<tr><th>2000-01-01 09:00:00</th><td>4.5</td><td>1009</td></tr>", html)
        self.assertIn("<tr><th>…</th><td>…</td><td>…</td></tr>", html)
        self.assertIn("<tr><th>2011-05-29 15:00:00</th><td>49999.5</td><td>100999</td></tr>", html)
        self.assertIn("<p>100000 rows × 2 columns</p>", html)
        self.assertEqual(html.count("<tr>"), 1 + 10 + 1 + 5)
        self.assertLess(len(html), 5_000)

    def test_series_and_small_frame(self):
        series, small = self.rich(5, "display_data")
        self.assertEqual(series["text/plain"].splitlines()[0], "Series<DateTime, Double>: 100000 values")
        self.assertIn("<tr><th>2011-05-29 15:00:00</th><td>100999</td></tr>", series["text/html"])
        self.assertIn("<th>Id</th><th>AreaKm2</th>", small["text/html"])
        self.assertIn("<tr><th>1</th><td>01013500</td><td>2252.7</td></tr>", small["text/html"])
        self.assertIn("<p>2 rows × 2 columns</p>", small["text/html"])
        self.assertEqual(self.rich(5, "execute_result")[0]["text/plain"], "2")


if __name__ == "__main__":
    unittest.main()
