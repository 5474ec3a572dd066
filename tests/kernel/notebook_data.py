"""Which data a workshop notebook opens. Notebooks 05 and 06 open rhine_meuse_30min_grdc through
RhineMeuseData.OpenWorkshop: the real set where $HYDROWORKSHOP_DATA or ../shared/data has it, else a synthetic stand-in
in the same formats that the library generates. The notebook tests run them on the stand-in as well."""
import json
import os

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def data_root():
    return os.environ.get("HYDROWORKSHOP_DATA") or os.path.join(os.path.dirname(REPO), "shared", "data")


def has_real_rhine_meuse():
    return os.path.isdir(os.path.join(data_root(), "rhine_meuse_30min_grdc"))


def opens_rhine_meuse(notebook_path):
    """True when the notebook opens its data with RhineMeuseData.OpenWorkshop (the real set or the stand-in)."""
    with open(notebook_path) as f:
        return any("RhineMeuseData.OpenWorkshop" in "".join(c["source"]) for c in json.load(f)["cells"] if c["cell_type"] == "code")


def first_code_cell(nb):
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
