"""Executes tests/kernel/kernel_smoke.ipynb with nbclient (and, when installed, jupyter nbconvert) and
checks every cell's outputs: stdout/stderr, display + update_display, HTML, a chart with ToMimeBundle,
Markdown, an error cell, #r of a dll, #load of a script, #!time."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

import kernel_env

kernel_env.install_test_kernelspec()
HERE = os.path.dirname(os.path.abspath(__file__))


def runtime_dir():
    """The shared framework folder of the newest Microsoft.NETCore.App (for a dll to #r)."""
    out = subprocess.run(["dotnet", "--list-runtimes"], capture_output=True, text=True, check=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("Microsoft.NETCore.App ")]
    name, version, folder = lines[-1].split(" ", 2)
    return os.path.join(folder.strip("[]"), version)


class NotebookExecutionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="hw-kernel-nb-")
        shutil.copy(os.path.join(HERE, "kernel_smoke.ipynb"), cls.work)
        shutil.copy(os.path.join(runtime_dir(), "Microsoft.VisualBasic.Core.dll"), cls.work)
        with open(os.path.join(cls.work, "helper.csx"), "w") as f:
            f.write("int Square(int x) => x * x;\n")
        nb = nbformat.read(os.path.join(cls.work, "kernel_smoke.ipynb"), as_version=4)
        client = NotebookClient(nb, kernel_name=kernel_env.KERNEL_NAME, timeout=60, startup_timeout=60,
                                resources={"metadata": {"path": cls.work}})
        client.execute()
        cls.cells = [c for c in nb.cells if c.cell_type == "code"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def outputs(self, index, output_type=None):
        return [o for o in self.cells[index].outputs if output_type is None or o.output_type == output_type]

    def test_stdout_and_stderr_streams(self):
        streams = {o.name: o.text for o in self.outputs(0, "stream")}
        self.assertIn("hello from C#", streams["stdout"])
        self.assertIn("a warning on stderr", streams["stderr"])

    def test_display_then_update_shows_latest(self):
        displays = self.outputs(1, "display_data")
        self.assertEqual(len(displays), 1)
        self.assertEqual(displays[0].data["text/html"], "<b>epoch 2</b>")

    def test_html_result(self):
        result = self.outputs(2, "execute_result")[0]
        self.assertIn("<td>3.5</td>", result.data["text/html"])

    def test_chart_to_mime_bundle(self):
        result = self.outputs(3, "execute_result")[0]
        self.assertIn("<polyline", result.data["image/svg+xml"])
        self.assertEqual(result.data["text/plain"], "HydrographChart(4 points)")

    def test_read_only_string_dictionary_bundle(self):
        self.assertEqual(self.outputs(4, "display_data")[0].data["text/html"], "<p>gauge table</p>")

    def test_markdown(self):
        self.assertIn("Nash-Sutcliffe", self.outputs(5, "execute_result")[0].data["text/markdown"])

    def test_error_cell(self):
        error = self.outputs(6, "error")[0]
        self.assertEqual(error.ename, "InvalidOperationException")
        self.assertEqual(error.evalue, "an expected failure")
        self.assertTrue(any("line 1" in line for line in error.traceback), error.traceback)

    def test_r_dll(self):
        self.assertEqual(self.outputs(7, "execute_result")[0].data["text/plain"], "cba")

    def test_load_script(self):
        self.assertEqual(self.outputs(8, "execute_result")[0].data["text/plain"], "144")

    def test_time_magic_and_collection(self):
        self.assertIn("Wall time:", self.outputs(9, "stream")[0].text)
        result = self.outputs(9, "execute_result")[0]
        self.assertEqual(result.data["text/plain"], "List<Double>(2) { 1.5, 2.5 }")
        self.assertIn("<table>", result.data["text/html"])

    def test_state_survives_error(self):
        self.assertEqual(self.outputs(10, "execute_result")[0].data["text/plain"], "true")

    def test_nbconvert_execute(self):
        if shutil.which("jupyter-nbconvert") is None and not glob.glob("/usr/bin/jupyter-nbconvert"):
            self.skipTest("jupyter-nbconvert is not installed")
        out = os.path.join(self.work, "executed.ipynb")
        subprocess.run(["/usr/bin/python3", "-m", "nbconvert", "--to", "notebook", "--execute",
                        f"--ExecutePreprocessor.kernel_name={kernel_env.KERNEL_NAME}", "--output", out,
                        os.path.join(self.work, "kernel_smoke.ipynb")], check=True, cwd=self.work,
                       capture_output=True)
        nb = nbformat.read(out, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        self.assertEqual(code[8].outputs[0]["data"]["text/plain"], "144")


if __name__ == "__main__":
    unittest.main()
