"""Which real data sets a notebook needs (its metadata "hydroworkshop": {"requires_data": [...]}) and which of them
this checkout lacks. Notebooks 05 and 06 read ../shared/data/rhine_meuse_30min_grdc and have no generated stand-in
yet; on a clone without it they are skipped, with the reason, by the tests, the main job and the exported-app run.

    python3 notebook_data.py NOTEBOOK.ipynb    # prints the missing data sets, one per line (nothing: all present)
"""
import json
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def data_root():
    return os.environ.get("HYDROWORKSHOP_DATA") or os.path.join(os.path.dirname(REPO), "shared", "data")


def missing_data(notebook_path):
    with open(notebook_path) as f:
        required = json.load(f).get("metadata", {}).get("hydroworkshop", {}).get("requires_data", [])
    return [name for name in required if not os.path.isdir(os.path.join(data_root(), name))]


if __name__ == "__main__":
    for name in missing_data(sys.argv[1]):
        print(name)
