"""Cell-scoped tensor memory through the real kernel process: a cell that allocates a thousand 4 MB tensors without
Dispose stays under 500 MB above the kernel's resident memory before it (the peak is read from the kernel's VmHWM,
reset before the cell), tensors the cell did not keep are freed when it ends, and tensors kept in variables survive.
Linux only (reads /proc/PID/status)."""
import sys
import unittest

from jupyter_client.manager import start_new_kernel

import kernel_env

kernel_env.install_test_kernelspec()

MIB = 2**20


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


@unittest.skipUnless(sys.platform.startswith("linux"), "reads /proc/PID/status")
class KernelMemoryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=90)
        cls.pid = cls.km.provisioner.process.pid

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def value_of(self, code, timeout=300):
        return kernel_env.value_of(self.kc, code, timeout)

    def test_thousand_randn_without_dispose_peak_bounded_and_kept_tensor_survives(self):
        self.value_of("using TorchSharp;\nvar kept = torch.full(new long[] { 1000, 1000 }, 2.5f); kept.shape[0]")
        live_before = int(self.value_of("torch.Tensor.TotalCount"))
        baseline_kib = status_kib(self.pid, "VmRSS")
        with open(f"/proc/{self.pid}/clear_refs", "w") as f:
            f.write("5")  # resets the peak (VmHWM) to the current resident size
        self.value_of("for (var i = 0; i < 1000; i++) torch.randn(1000, 1000); 1")
        peak_kib = status_kib(self.pid, "VmHWM")
        growth = (peak_kib - baseline_kib) * 1024 / MIB
        print(f"\n  1000 x randn(1000,1000) (3.8 GiB in all): peak {growth:.0f} MiB above the {baseline_kib / 1024:.0f} MiB before")
        self.assertLess(growth, 500)
        # The cell's tensors are gone once it ended; the kept one is intact.
        self.assertLessEqual(int(self.value_of("torch.Tensor.TotalCount")), live_before + 2)
        self.assertEqual(self.value_of("kept.sum().item<float>()"), "2500000")

    def test_cell_end_frees_unkept_tensors_keeps_variables(self):
        live_before = int(self.value_of("using TorchSharp;\ntorch.Tensor.TotalCount"))
        self.value_of("var keepA = torch.ones(10); var list = new List<torch.Tensor> { torch.zeros(3) };\n"
                      "for (var i = 0; i < 50; i++) { var temporary = torch.rand(100) * 2; }\n1")
        live_after = int(self.value_of("torch.Tensor.TotalCount"))
        # keepA and list[0] remain (plus at most the value of the counting cell itself); the 100 temporaries do not.
        self.assertLessEqual(live_after - live_before, 4, f"{live_after - live_before} tensors left alive")
        self.assertEqual(self.value_of("keepA.sum().item<float>() + list[0].numel()"), "13")


if __name__ == "__main__":
    unittest.main()
