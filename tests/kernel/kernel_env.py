"""Shared set-up of the kernel tests: a private kernelspec for the built kernel in a temporary
JUPYTER_DATA_DIR, so the tests never depend on (or change) the user's installed kernels."""
import atexit
import json
import os
import shutil
import subprocess
import tempfile

KERNEL_NAME = "hydroworkshop-csharp-test"
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def kernel_dll():
    dll = os.environ.get("KERNEL_DLL") or os.path.join(
        REPO, "lib", "HydroWorkshop.Kernel", "bin", "Release", "net10.0", "HydroWorkshop.Kernel.dll")
    if not os.path.isfile(dll):
        raise SystemExit(f"kernel not built: {dll} is missing (dotnet build -c Release, or set KERNEL_DLL)")
    return dll


def install_test_kernelspec():
    """Installs the kernelspec with the kernel's own installer into a temporary data dir; idempotent."""
    if os.environ.get("HW_KERNEL_DATA_DIR"):
        return os.environ["HW_KERNEL_DATA_DIR"]
    data_dir = tempfile.mkdtemp(prefix="hw-kernel-jupyter-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    env = dict(os.environ, JUPYTER_DATA_DIR=data_dir)
    subprocess.run([shutil.which("dotnet") or "dotnet", kernel_dll(), "install", "--name", KERNEL_NAME],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    with open(os.path.join(data_dir, "kernels", KERNEL_NAME, "kernel.json")) as f:
        spec = json.load(f)
    assert spec["display_name"] == "C# (HydroWorkshop)" and spec["language"] == "csharp", spec
    os.environ["JUPYTER_DATA_DIR"] = data_dir
    os.environ["HW_KERNEL_DATA_DIR"] = data_dir
    return data_dir
