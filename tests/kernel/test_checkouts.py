"""One kernel per checkout, through real kernel processes: the one installed kernelspec (here the private test one,
pointing at the kernel under test in this checkout) serves a notebook folder of another checkout with that
checkout's own kernel, so two clones never run each other's code. The second checkout is a temporary folder with
HydroWorkshop.sln and a copy of the kernel's managed files in out/kernel (enough to start; no libtorch)."""
import os
import shutil
import signal
import tempfile
import unittest

from jupyter_client.manager import start_new_kernel

import kernel_env

kernel_env.install_test_kernelspec()

LOCATION = "typeof(HydroWorkshop.Kernel.KernelServer).Assembly.Location"


def copy_managed_kernel(source_dir, target_dir):
    os.makedirs(target_dir)
    for name in os.listdir(source_dir):
        path = os.path.join(source_dir, name)
        if os.path.isfile(path) and not name.endswith((".so", ".dylib", ".pdb", ".xml")):
            shutil.copy2(path, target_dir)
    if os.path.isdir(os.path.join(source_dir, "Resources")):
        shutil.copytree(os.path.join(source_dir, "Resources"), os.path.join(target_dir, "Resources"))


class CheckoutKernelTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="hw-other-checkout-")
        cls.other = os.path.join(cls.root, "clone-b")
        os.makedirs(os.path.join(cls.other, "notebooks"))
        open(os.path.join(cls.other, "HydroWorkshop.sln"), "w").close()
        copy_managed_kernel(os.path.dirname(kernel_env.kernel_dll()), os.path.join(cls.other, "out", "kernel"))
        cls.unbuilt = os.path.join(cls.root, "clone-c")
        os.makedirs(os.path.join(cls.unbuilt, "notebooks"))
        open(os.path.join(cls.unbuilt, "HydroWorkshop.sln"), "w").close()
        cls.outside = os.path.join(cls.root, "elsewhere")
        os.makedirs(cls.outside)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def kernel_location(self, cwd):
        km, kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=90, cwd=cwd)
        try:
            msg_id = kc.execute(f"{LOCATION} + \"|\" + Environment.CurrentDirectory")
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("execute_result", "error"):
                    self.assertEqual(msg["msg_type"], "execute_result", msg["content"])
                    location, folder = msg["content"]["data"]["text/plain"].strip('"').split("|")
                    return os.path.realpath(location), os.path.realpath(folder)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_notebook_in_other_checkout_runs_that_checkouts_kernel(self):
        location, folder = self.kernel_location(os.path.join(self.other, "notebooks"))
        self.assertEqual(location, os.path.realpath(os.path.join(self.other, "out", "kernel", "HydroWorkshop.Kernel.dll")))
        self.assertEqual(folder, os.path.realpath(os.path.join(self.other, "notebooks")))

    def test_notebook_in_this_checkout_runs_kernel_under_test(self):
        location, _ = self.kernel_location(os.path.join(kernel_env.REPO, "notebooks"))
        self.assertEqual(location, os.path.realpath(kernel_env.kernel_dll()))

    def test_notebook_outside_checkouts_runs_installed_kernel(self):
        location, _ = self.kernel_location(self.outside)
        self.assertEqual(location, os.path.realpath(kernel_env.kernel_dll()))

    def test_delegated_kernel_sigint_to_launcher_interrupts_cell(self):
        km, kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=90,
                                  cwd=os.path.join(self.other, "notebooks"))
        try:
            msg_id = kc.execute('var spins = 0L; Console.WriteLine("started"); while (true) spins++;')
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                    break
            os.kill(km.provisioner.process.pid, signal.SIGINT)  # the launcher only, not its process group
            reply = kc.get_shell_msg(timeout=20)  # hang guard
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=20)
            self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_other_checkout_without_built_kernel_runs_installed_kernel(self):
        location, _ = self.kernel_location(os.path.join(self.unbuilt, "notebooks"))
        self.assertEqual(location, os.path.realpath(kernel_env.kernel_dll()))


if __name__ == "__main__":
    unittest.main()
