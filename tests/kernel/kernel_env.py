"""Shared set-up of the kernel tests: a private kernelspec for the built kernel in a temporary
JUPYTER_DATA_DIR, so the tests never depend on (or change) the user's installed kernels."""
import atexit
import json
import os
import shutil
import signal
import subprocess
import tempfile

# A test run started in the background by a script (`cmd &`, no job control) begins with SIGINT ignored, and every
# kernel it starts inherits that: .NET then never sees SIGINT, and the interrupt tests hang. Python's own handler in
# this process is reset to the default in each child at exec, so the kernels get SIGINT as from a terminal.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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


def reply_to(kc, msg_id, timeout):
    """The shell reply to msg_id, skipping replies to earlier requests still queued."""
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply


def value_of(kc, code, timeout=60):
    """Runs code; returns its execute_result's text/plain; raises AssertionError with the reply when it failed."""
    msg_id = kc.execute(code)
    reply = reply_to(kc, msg_id, timeout)
    if reply["content"]["status"] != "ok":
        raise AssertionError(f"{code!r} failed: {reply['content']}")
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            raise AssertionError(f"{code!r} gave no value")
