"""The standalone HTML report of an executed notebook (html_charts.export_html, used by scripts/run.d/50-notebooks.sh):
a small notebook with a heading, display and inline math and a long (WebGL) hydrograph is executed through the kernel,
exported, and opened in headless Chromium with no network, with and without WebGL."""
import os
import re
import shutil
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

import html_charts
import kernel_env

kernel_env.install_test_kernelspec()

NSE = r"\mathrm{NSE} = 1 - \frac{\sum_t (q_t - \hat q_t)^2}{\sum_t (q_t - \bar q)^2}"
HYDROGRAPH = """using HydroWorkshop.Plotting;
var n = 12000;   // above HydroCharts.WebGlThreshold: drawn with scattergl
var days = Enumerable.Range(0, n).Select(d => new DateTime(1980, 10, 1).AddDays(d)).ToArray();
var discharge = Enumerable.Range(0, n).Select(i => 5 + 3 * Math.Sin(0.05 * i)).ToArray();
HydroCharts.Hydrograph(days, discharge, discharge.Select(q => 0.9 * q).ToArray())"""


def without_scripts(dom):
    """The DOM without <script> elements (plotly.js and MathJax carry every message they might show)."""
    return re.sub(r"<script\b.*?</script>", "", dom, flags=re.S)


class HtmlReportTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="hw-html-report-")
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell("Intro text before any heading.\n\n```\n# not a heading (code)\n```"),
            nbformat.v4.new_markdown_cell("## Peak flows of the *Merced* at `Happy Isles`\n\nSome text."),
            nbformat.v4.new_markdown_cell(f"The efficiency\n\n$$ {NSE} $$\n\nof discharge $q_t$ in m³/s."),
            nbformat.v4.new_code_cell(HYDROGRAPH),
        ])
        NotebookClient(nb, kernel_name=kernel_env.KERNEL_NAME, timeout=120, startup_timeout=60,
                       resources={"metadata": {"path": cls.work}}).execute()
        cls.ipynb = os.path.join(cls.work, "report-test.ipynb")
        nbformat.write(nb, cls.ipynb)
        cls.html = os.path.join(cls.work, "report-test.html")
        html_charts.export_html(cls.ipynb, cls.html)
        with open(cls.html, encoding="utf-8") as f:
            cls.page = f.read()
        cls.dom = html_charts.dump_dom(cls.html)
        cls.dom_without_webgl = html_charts.dump_dom(cls.html, webgl=False)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_title_first_markdown_heading(self):
        self.assertEqual(re.search(r"<title>(.*?)</title>", self.page).group(1), "Peak flows of the Merced at Happy Isles")

    def test_title_without_heading_file_name(self):
        path = os.path.join(self.work, "03-no-heading.ipynb")
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Just text, $x$.")]), path)
        html = os.path.join(self.work, "03-no-heading.html")
        html_charts.export_html(path, html)
        with open(html, encoding="utf-8") as f:
            self.assertEqual(re.search(r"<title>(.*?)</title>", f.read()).group(1), "03-no-heading")

    def test_mathjax_inlined_no_url(self):
        sources = re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", self.page)
        self.assertEqual([s for s in sources if not s.startswith("data:")], [], "the report loads files or URLs")
        # (asserted on the matches: a failure message with the 8 MB page would be useless)
        self.assertEqual(re.findall(r"url\(\s*['\"]?(?:file:|https?:)[^)]{0,80}", self.page), [], "a stylesheet loads files or URLs")
        self.assertEqual(re.findall(r"(?i)(?:file|https?)://[^\"' ]*mathjax[^\"' ]*\.js", self.page), [])
        self.assertIn("MathJax", self.page)

    def test_equations_rendered_offline(self):
        rendered, errors = html_charts.equations(self.dom)
        self.assertEqual((rendered, errors), (2, 0))          # the display equation and the inline q_t
        display = re.search(r'<mjx-container\b[^>]*display="true"[^>]*>(.*?)</mjx-container>', self.dom, re.S)
        self.assertIsNotNone(display, "no display equation in the DOM")
        self.assertIn("<svg", display.group(1))
        self.assertNotIn("$$", without_scripts(self.dom), "raw TeX left in the page")

    def test_equation_tex_error_counted(self):
        path = os.path.join(self.work, "tex-error.ipynb")
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
            "# Errors\n\n$\\undefinedmacro x$ and $\\frac{1}{2}$")]), path)
        html = os.path.join(self.work, "tex-error.html")
        html_charts.export_html(path, html)
        self.assertEqual(html_charts.equations(html_charts.dump_dom(html)), (2, 1))

    def test_webgl_chart_drawn(self):
        self.assertEqual(html_charts.charts_in(self.dom), (1, 1))
        self.assertIn('data-hw-drawn="webgl"', self.dom)

    def test_webgl_chart_drawn_without_webgl_as_svg(self):
        self.assertEqual(html_charts.charts_in(self.dom_without_webgl), (1, 1))
        self.assertIn('data-hw-drawn="svg"', self.dom_without_webgl)
        # Observed and simulated as long SVG paths (plotly merges points closer than a pixel; about 940 segments
        # each at this width); the legend's sample lines have none.
        lines = [d.count("L") for d in re.findall(r'<path class="js-line" d="([^"]*)"', self.dom_without_webgl)]
        self.assertEqual(len([n for n in lines if n > 500]), 2, lines)
        self.assertNotIn("WebGL", without_scripts(self.dom_without_webgl))


if __name__ == "__main__":
    unittest.main()
