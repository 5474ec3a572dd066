"""Standalone HTML reports of executed notebooks, and a check that their charts and equations really render.

export_html(ipynb, html): nbconvert's HTML (lab template) that works offline on any machine:
- MathJax 3 (npm `mathjax`, pinned in lib/HydroWorkshop/package.json beside plotly.js, installed by
  scripts/setup.d/30-plotting.sh) is inlined: its `tex-svg-full` build carries every TeX extension and draws SVG,
  so it loads no fonts or extensions from anywhere. nbconvert's default loads it from
  file:///usr/share/javascript/mathjax (raw LaTeX on any other machine). MathJax 4 would fetch font ranges on demand.
- <title> is the notebook's metadata title, else its first markdown heading, else the file name.
- No require.js: the Debian template loads it from /usr/share/javascript; where it is installed, plotly.js (a UMD
  bundle) registers itself as an AMD module instead of setting window.Plotly and the charts stay blank. An empty
  data: script replaces it.
plotly.js comes inlined with the first chart's output (the kernel sends it once per process).

dump_dom(html, webgl): the page's DOM after headless Chromium ran its scripts with no network.
drawn_charts(html, webgl): (charts in the page, charts drawn); a chart counts as drawn when its draw script
finished (data-hw-drawn). The page's only plotly.js is the copy inlined by the first chart, so a drawn chart proves
the report works offline; webgl=False (--disable-3d-apis) proves that WebGL charts fall back to SVG.
equations(dom): (equations rendered, those that show a TeX error, e.g. an unknown macro).

Command line: python3 html_charts.py REPORT.html... prints one line per file, exits 1 when a chart is not drawn
(with or without WebGL) or an equation has a TeX error.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

EMPTY_SCRIPT = "data:application/javascript,"
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MATHJAX = os.path.join(REPO, "lib", "HydroWorkshop", "node_modules", "mathjax", "es5", "tex-svg-full.js")

# nbconvert's MathJax 2 settings (delimiters, escapes, environments, AMS numbering) in MathJax 3's form.
# Without 'noundefined' an unknown macro is a TeX error (a red box naming it, found by equations()) instead of red text.
# fontCache 'global': one <defs> of glyphs per page instead of a copy in every equation.
MATHJAX_CONFIG = r"""window.MathJax = {
  tex: { inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
         processEscapes: true, processEnvironments: true, tags: 'ams', packages: { '[-]': ['noundefined'] } },
  svg: { fontCache: 'global' }
};"""

REPORT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_mathjax -%}
<script type="text/javascript">
{{ resources.hw_mathjax_config }}
</script>
<script type="text/javascript">
{{ resources.hw_mathjax }}
</script>
{%- endblock html_head_js_mathjax -%}
"""


def mathjax_code():
    if not os.path.isfile(MATHJAX):
        raise FileNotFoundError(f"MathJax is missing: {MATHJAX} not found. Run `npm ci` in lib/HydroWorkshop "
                                "(scripts/setup.sh does it)")
    with open(MATHJAX, encoding="utf-8") as f:
        code = f.read()
    # Inlined into <script>; a tag inside would end or confuse the element.
    if re.search(r"</?script", code, re.IGNORECASE):
        raise ValueError(f"{MATHJAX} contains a <script> tag and cannot be inlined into HTML")
    return code


def notebook_title(nb, path):
    """The metadata title, else the first markdown heading (ATX `# ...`, inline markup removed), else the file name."""
    if nb.metadata.get("title"):
        return str(nb.metadata["title"])
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            heading = None if in_fence else re.match(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", line)
            if heading and heading.group(1).strip():
                text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))   # links and images: their text
                text = re.sub(r"(\*\*|__|\*|`|<[^>]+>)", "", text)                    # emphasis, code, inline HTML
                return text.strip()
    return os.path.splitext(os.path.basename(path))[0]


def export_html(ipynb, html):
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter
    nb = nbformat.read(ipynb, as_version=4)
    exporter = HTMLExporter(template_name="lab", template_file="hydroworkshop-report.html.j2",
                            extra_loaders=[jinja2.DictLoader({"hydroworkshop-report.html.j2": REPORT_TEMPLATE})])
    exporter.require_js_url = EMPTY_SCRIPT
    resources = {"metadata": {"name": notebook_title(nb, ipynb)},
                 "hw_mathjax_config": MATHJAX_CONFIG, "hw_mathjax": mathjax_code()}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    temporary = html + ".partial"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(temporary, html)


def chromium():
    for name in (os.environ.get("HYDROWORKSHOP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def dump_dom(html, webgl=True, budget_ms=30000):
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("no Chromium found (apt install chromium, or set HYDROWORKSHOP_CHROMIUM)")
    profile = tempfile.mkdtemp(prefix="hw-html-check-")
    try:
        return subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",   # no network: offline for real
             *([] if webgl else ["--disable-3d-apis"]),                         # as on a machine without WebGL
             f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", "--dump-dom",
             "file://" + os.path.abspath(html)],
            capture_output=True, text=True, timeout=180).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def charts_in(dom):
    """(charts, drawn) in a dumped DOM."""
    charts = re.findall(r'<div id="hw-plot-[0-9a-f]+"[^>]*>', dom)
    return len(charts), sum("data-hw-drawn=" in c for c in charts)


def drawn_charts(html, webgl=True, budget_ms=30000):
    return charts_in(dump_dom(html, webgl, budget_ms))


def equations(dom):
    """(equations MathJax rendered, those of them that show a TeX error) in a dumped DOM."""
    rendered = re.findall(r"<mjx-container\b.*?</mjx-container>", dom, re.S)
    return len(rendered), sum(bool(re.search(r'data-mml-node="merror"|<mjx-merror\b', e)) for e in rendered)


if __name__ == "__main__":
    failed = False
    for path in sys.argv[1:]:
        dom = dump_dom(path)
        total, drawn = charts_in(dom)
        _, drawn_without_webgl = drawn_charts(path, webgl=False)
        rendered, errors = equations(dom)
        ok = drawn == total and drawn_without_webgl == total and errors == 0
        failed |= not ok
        print(f"  {path}: {drawn}/{total} charts drawn offline ({drawn_without_webgl}/{total} without WebGL), "
              f"{rendered} equations ({errors} TeX errors){'' if ok else '  <-- NOT RENDERED'}")
    sys.exit(1 if failed else 0)
