"""Offline HTML reports of executed notebooks, and a check that their charts really draw.

export_html(ipynb, html): nbconvert's HTML (lab template) without require.js. The Debian template loads
require.js from /usr/share/javascript; where it is installed, plotly.js (a UMD bundle) registers itself as an AMD
module instead of setting window.Plotly and the charts stay blank. An empty data: script replaces it.

drawn_charts(html): opens the file in headless Chromium with no network (--dump-dom after a virtual-time budget)
and returns (charts in the page, charts plotly.js has drawn). The page's only plotly.js is the copy inlined by
the first chart, so a drawn chart proves the report works offline.

Command line: python3 html_charts.py REPORT.html... prints one line per file, exits 1 when a chart is not drawn.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

EMPTY_SCRIPT = "data:application/javascript,"


def export_html(ipynb, html):
    import nbformat
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab")
    exporter.require_js_url = EMPTY_SCRIPT
    body, _ = exporter.from_notebook_node(nbformat.read(ipynb, as_version=4))
    temporary = html + ".partial"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(temporary, html)


def chromium():
    for name in (os.environ.get("HYDROWORKSHOP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def drawn_charts(html, budget_ms=30000):
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("no Chromium found (apt install chromium, or set HYDROWORKSHOP_CHROMIUM)")
    profile = tempfile.mkdtemp(prefix="hw-html-check-")
    try:
        dom = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",   # no network: offline for real
             f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", "--dump-dom",
             "file://" + os.path.abspath(html)],
            capture_output=True, text=True, timeout=180).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    charts = re.findall(r'<div id="hw-plot-[0-9a-f]+"[^>]*>', dom)
    return len(charts), sum("js-plotly-plot" in c for c in charts)


if __name__ == "__main__":
    failed = False
    for path in sys.argv[1:]:
        total, drawn = drawn_charts(path)
        ok = drawn == total
        failed |= not ok
        print(f"  {path}: {drawn}/{total} charts drawn offline{'' if ok else '  <-- NOT DRAWN'}")
    sys.exit(1 if failed else 0)
