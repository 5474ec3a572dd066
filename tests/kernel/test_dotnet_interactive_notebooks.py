"""The workshop notebooks, unchanged, executed in fast mode (HYDRO_FAST=1) by the .NET Interactive kernel
(Microsoft.dotnet-interactive from out/tools, scripts/setup.d/45-dotnet-interactive.sh): the kernel of VS Code's
Polyglot Notebooks, which loads the library with the notebooks' first line `#r "nuget: HydroWorkshop"` from the
kit's NuGet folder out/nuget (scripts/pack.sh). A notebook fails on any cell error, and when a chart cell (tagged
"chart", and the last code cell) lacks an HTML chart: a text/html output that draws a Plotly figure, with plotly.js
itself inlined by the first chart (offline).

The kernelspec is written into a temporary JUPYTER_PATH; .NET Interactive cannot take a relative `#i "nuget: ..."`
path (dotnet/interactive#3110), so the kernel gets the feed from its environment (RestoreAdditionalProjectSources,
which its NuGet restore reads). The user's Jupyter folders and NuGet configuration are not touched.

HW_DI_NOTEBOOKS=00,01 (the default) picks notebooks by name prefix. Executed copies and run times go to
$HW_NOTEBOOK_OUT (default out/test-results/dotnet-interactive).
"""
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest


import test_workshop_notebooks as workshop

REPO = workshop.REPO
KERNEL_NAME = ".net-csharp"
TOOL = os.path.join(REPO, "out", "tools", "dotnet-interactive")
FEED = os.path.join(REPO, "out", "nuget")
OUT = os.environ.get("HW_NOTEBOOK_OUT") or os.path.join(REPO, "out", "test-results", "dotnet-interactive")
TIMEOUT = int(os.environ.get("HW_NOTEBOOK_TIMEOUT", "900"))
PREFIXES = [p for p in os.environ.get("HW_DI_NOTEBOOKS", "00,01").split(",") if p]
NOTEBOOKS = [p for p in workshop.NOTEBOOKS if any(os.path.basename(p).startswith(x) for x in PREFIXES)]
# The first chart of a kernel process carries plotly.js (PlotlyNotebook); every chart draws with Plotly.newPlot.
PLOTLY_JS_HEADER = "plotly.js v"
DRAW_CALL = "Plotly.newPlot("


def install_kernelspec(data_dir):
    """The tool's own kernelspec, pointed at out/tools instead of a global `dotnet interactive`, with the feed."""
    kernels = os.path.join(data_dir, "kernels")
    os.makedirs(kernels, exist_ok=True)
    subprocess.run([TOOL, "jupyter", "install", "--path", kernels], check=True, stdout=subprocess.DEVNULL)
    path = os.path.join(kernels, KERNEL_NAME, "kernel.json")
    with open(path) as f:
        spec = json.load(f)
    assert spec["argv"][:2] == ["dotnet", "interactive"], spec["argv"]
    spec["argv"] = [TOOL] + spec["argv"][2:]
    # The feed; and no start-up log of its web server on the test output.
    spec["env"] = {"RestoreAdditionalProjectSources": FEED, "Logging__LogLevel__Default": "Warning"}
    with open(path, "w") as f:
        json.dump(spec, f, indent=1)


def html_of(cell):
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))


def execute(path):
    """Runs the notebook in its own folder with a fresh .NET Interactive kernel (see workshop.execute)."""
    return workshop.execute(path, kernel_name=KERNEL_NAME, out=OUT, startup_timeout=180, label="in .NET Interactive, fast mode")


class DotNetInteractiveNotebookTests(unittest.TestCase):
    """One test per selected notebook, generated below."""


def make_test(path):
    def test(self):
        nb, _, error = execute(path)
        name = os.path.relpath(path, REPO)
        if error:
            self.fail(f"{name}: a cell failed in .NET Interactive (executed copy in {OUT}):\n{error[-4000:]}")
        charts = workshop.chart_cells(nb)
        missing = [i for i in charts if DRAW_CALL not in html_of(nb.cells[i])]
        self.assertFalse(missing, f"{name}: no HTML chart in cell(s) {missing}")
        self.assertIn(PLOTLY_JS_HEADER, html_of(nb.cells[charts[0]]), f"{name}: the first chart does not inline plotly.js")
        self.assertTrue(all(PLOTLY_JS_HEADER not in html_of(nb.cells[i]) for i in charts[1:]),
                        f"{name}: plotly.js inlined more than once")
    return test


for _path in NOTEBOOKS:
    _name = os.path.splitext(os.path.basename(_path))[0].replace("-", "_").replace(".", "_")
    setattr(DotNetInteractiveNotebookTests, f"test_{_name}_runs_in_dotnet_interactive", make_test(_path))


def setUpModule():
    if not os.access(TOOL, os.X_OK):
        raise RuntimeError(f"{TOOL} is missing: run scripts/setup.d/45-dotnet-interactive.sh (scripts/setup.sh does)")
    if not glob.glob(os.path.join(FEED, "HydroWorkshop.[0-9]*.nupkg")):
        raise RuntimeError(f"no HydroWorkshop package in {FEED}: run scripts/pack.sh (scripts/setup.sh does)")
    data_dir = tempfile.mkdtemp(prefix="hw-dotnet-interactive-jupyter-")
    unittest.addModuleCleanup(shutil.rmtree, data_dir, ignore_errors=True)
    install_kernelspec(data_dir)
    os.environ.update(JUPYTER_PATH=data_dir, JUPYTER_DATA_DIR=data_dir, HYDRO_FAST="1",
                      DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, "timings.txt"), "w").close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
