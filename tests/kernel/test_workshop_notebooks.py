"""Executes every workshop notebook (notebooks/*.ipynb) in fast mode (HYDRO_FAST=1) through the C# kernel with
nbclient, as a participant would run it top to bottom. A notebook fails on any cell error, and when a chart is
missing: every cell tagged "chart" and the notebook's last code cell must show a Plotly figure
(application/vnd.plotly.v1+json). Also checks that the notebooks in git are commit-ready: no outputs, no
execution counts, the hydroworkshop-csharp kernelspec, and the opening that says goal, run time and outcome.
Notebooks 05 and 06 run a second time without the shared data, on the synthetic Rhine–Meuse stand-in.

Executed copies go to $HW_NOTEBOOK_OUT (default out/test-results/notebooks) with their run times in timings.txt.
HW_NOTEBOOKS=01,02 limits the run to notebooks whose names start with those prefixes.
"""
import glob

import notebook_data
import json
import os
import shutil
import tempfile
import time
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import kernel_env

REPO = kernel_env.REPO
NOTEBOOKS = sorted(glob.glob(os.path.join(REPO, "notebooks", "*.ipynb")))
SOLUTIONS = sorted(glob.glob(os.path.join(REPO, "notebooks", "solutions", "*.ipynb")))
PLOTLY = "application/vnd.plotly.v1+json"
OUT = os.environ.get("HW_NOTEBOOK_OUT") or os.path.join(REPO, "out", "test-results", "notebooks")
TIMEOUT = int(os.environ.get("HW_NOTEBOOK_TIMEOUT", "900"))


def selected(paths):
    prefixes = [p for p in os.environ.get("HW_NOTEBOOKS", "").split(",") if p]
    return [p for p in paths if not prefixes or any(os.path.basename(p).startswith(x) for x in prefixes)]


def chart_cells(nb):
    """Indexes of the code cells that must show a chart: those tagged "chart", and the last code cell."""
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    tagged = [i for i in code if "chart" in nb.cells[i].get("metadata", {}).get("tags", [])]
    return sorted(set(tagged + code[-1:]))


def has_chart(cell):
    return any(PLOTLY in o.get("data", {}) for o in cell.get("outputs", []))


def execute(path, kernel_name=None, out=OUT, startup_timeout=120, label="fast mode"):
    """Runs the notebook in its own folder with a fresh kernel (ours unless kernel_name names another); writes the
    executed copy and its run time to `out`; returns (executed notebook, seconds, error or None)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name or kernel_env.KERNEL_NAME, timeout=TIMEOUT,
                            startup_timeout=startup_timeout, resources={"metadata": {"path": os.path.dirname(path)}})
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e)
    seconds = time.monotonic() - start
    os.makedirs(out, exist_ok=True)
    nbformat.write(nb, os.path.join(out, os.path.basename(path)))
    with open(os.path.join(out, "timings.txt"), "a") as f:
        f.write(f"{os.path.relpath(path, REPO)}\t{seconds:.1f} s\t{'error' if error else 'ok'}\n")
    print(f"\n  {os.path.relpath(path, REPO)}: {seconds:.1f} s ({label})", flush=True)
    return nb, seconds, error


class WorkshopNotebookTests(unittest.TestCase):
    """One test per notebook, generated below."""


def make_execution_test(path):
    def test(self):
        nb, _, error = execute(path)
        if error:
            self.fail(f"{os.path.relpath(path, REPO)}: a cell failed (executed copy in {OUT}):\n{error[-4000:]}")
        missing = [i for i in chart_cells(nb) if not has_chart(nb.cells[i])]
        if missing:
            first_lines = [nb.cells[i].source.strip().splitlines()[0][:80] if nb.cells[i].source.strip() else "(empty)" for i in missing]
            self.fail(f"{os.path.relpath(path, REPO)}: no {PLOTLY} output in cell(s) "
                      + ", ".join(f"{i} ({line})" for i, line in zip(missing, first_lines)))
    return test


def make_stand_in_test(path):
    """Notebooks that open their data with RhineMeuseData.OpenWorkshop run once more with an empty data root, as on a
    fresh clone or Binder: on the synthetic stand-in, which they must say they use."""
    def test(self):
        if not notebook_data.has_real_rhine_meuse():
            self.skipTest("no real rhine_meuse_30min_grdc here: the fast-mode run of this notebook already used the stand-in")
        empty = tempfile.mkdtemp(prefix="hw-no-shared-data-")
        saved = os.environ.get("HYDROWORKSHOP_DATA")
        os.environ["HYDROWORKSHOP_DATA"] = empty
        try:
            nb, _, error = execute(path, out=os.path.join(OUT, "stand-in"), label="fast mode, synthetic stand-in")
        finally:
            if saved is None:
                os.environ.pop("HYDROWORKSHOP_DATA")
            else:
                os.environ["HYDROWORKSHOP_DATA"] = saved
            shutil.rmtree(empty, ignore_errors=True)
        if error:
            self.fail(f"{os.path.relpath(path, REPO)} on the synthetic stand-in: a cell failed:\n{error[-4000:]}")
        first = "".join(o.get("text", "") for o in nb.cells[notebook_data.first_code_cell(nb)].get("outputs", []))
        self.assertIn("SYNTHETIC stand-in", first, "the first output must say the data are the synthetic stand-in")
        missing = [i for i in chart_cells(nb) if not has_chart(nb.cells[i])]
        self.assertEqual(missing, [], f"no {PLOTLY} output in these cells on the stand-in")
    return test


def make_source_test(path):
    def test(self):
        with open(path) as f:
            nb = json.load(f)
        name = os.path.relpath(path, REPO)
        self.assertEqual(nb["metadata"].get("kernelspec", {}).get("name"), "hydroworkshop-csharp", f"{name}: kernelspec")
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                self.assertEqual(cell.get("outputs"), [], f"{name}: cell {i} has outputs (clear them before committing)")
                self.assertIsNone(cell.get("execution_count"), f"{name}: cell {i} has an execution count")
        if os.path.dirname(path).endswith("notebooks"):
            opening = "".join(nb["cells"][0]["source"])
            for phrase in ("**Goal:**", "**Expected run time:**", "**At the end you will have:**"):
                self.assertIn(phrase, opening, f"{name}: the first cell must state {phrase}")
    return test


for _path in selected(NOTEBOOKS) + (selected(SOLUTIONS) if os.environ.get("HW_RUN_SOLUTIONS") == "1" else []):
    _name = os.path.splitext(os.path.basename(_path))[0].replace("-", "_").replace(".", "_")
    setattr(WorkshopNotebookTests, f"test_{_name}_runs_in_fast_mode_with_charts", make_execution_test(_path))
for _path in selected(NOTEBOOKS):
    if notebook_data.opens_rhine_meuse(_path):
        _name = os.path.splitext(os.path.basename(_path))[0].replace("-", "_")
        setattr(WorkshopNotebookTests, f"test_{_name}_runs_on_the_synthetic_stand_in", make_stand_in_test(_path))
for _path in NOTEBOOKS + SOLUTIONS:
    _name = os.path.splitext(os.path.basename(_path))[0].replace("-", "_").replace(".", "_")
    setattr(WorkshopNotebookTests, f"test_{_name}_is_commit_ready", make_source_test(_path))


def setUpModule():
    os.environ["HYDRO_FAST"] = "1"
    kernel_env.install_test_kernelspec()
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, "timings.txt"), "w").close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
