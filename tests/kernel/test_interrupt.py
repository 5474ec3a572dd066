"""Interrupting cells that never ask to be interrupted, through the real kernel process: a busy loop, Thread.Sleep,
Task.Wait, a TorchSharp training loop without cancellation calls, recursion, and SIGINT (interrupt_mode "signal").
Each interrupt must answer with a KeyboardInterrupt error, and the next cell must still see the state defined before.
The timeouts below are hang guards, not speed goals: without the kernel's interrupt these cells never return; the
time each interrupt took is printed (the goal is under 1 s)."""
import os
import signal
import time
import unittest

from jupyter_client.manager import start_new_kernel

import kernel_env

kernel_env.install_test_kernelspec()

HANG_GUARD_S = 20


class KernelInterruptTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=90)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def reply_to(self, msg_id, timeout):
        return kernel_env.reply_to(self.kc, msg_id, timeout)

    def value_of(self, code):
        return kernel_env.value_of(self.kc, code)

    def interrupt(self, code, started_marker=None, send=None):
        """Runs code, interrupts it once it runs, returns (reply content, seconds from interrupt to reply)."""
        msg_id = self.kc.execute(code)
        deadline = time.monotonic() + HANG_GUARD_S
        # Wait until the cell really runs (its first output), so the interrupt hits the cell, not its compilation.
        while True:
            msg = self.kc.get_iopub_msg(timeout=HANG_GUARD_S)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream" and "started" in msg["content"]["text"]:
                break
            self.assertLess(time.monotonic(), deadline, "the cell never started")
        time.sleep(0.3)
        start = time.perf_counter()
        (send or self.km.interrupt_kernel)()
        reply = self.reply_to(msg_id, HANG_GUARD_S)
        elapsed = time.perf_counter() - start
        print(f"\n  interrupted in {elapsed * 1000:.0f} ms", end="")
        return reply["content"], elapsed

    def assertInterrupted(self, content):
        self.assertEqual(content["status"], "error", content)
        self.assertEqual(content["ename"], "KeyboardInterrupt", content)
        self.assertIn("interrupted", "\n".join(content["traceback"]))

    def test_interrupt_busy_loop_without_checks_keeps_state(self):
        self.value_of("var definedBefore = 41; definedBefore")
        content, _ = self.interrupt('long spins = 0; Console.WriteLine("started"); while (true) { spins++; }')
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("definedBefore + 1"), "42")
        self.assertEqual(self.value_of("spins > 0"), "true")

    def test_interrupt_embedded_statement_loop_stops(self):
        content, _ = self.interrupt('var n = 0; Console.WriteLine("started"); for (;;) n++;')
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("n > 0"), "true")

    def test_interrupt_thread_sleep_stops(self):
        content, _ = self.interrupt('Console.WriteLine("started"); Thread.Sleep(600_000); var slept = true;')
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("1 + 1"), "2")

    def test_interrupt_task_wait_stops(self):
        content, _ = self.interrupt('Console.WriteLine("started"); Task.Delay(600_000).Wait();')
        self.assertInterrupted(content)

    def test_interrupt_recursion_in_cell_method_stops(self):
        content, _ = self.interrupt(
            'long calls = 0; long Spin(long depth) { calls++; return depth > 1000 ? 0 : Spin(depth + 1) + Spin(depth + 1); }\n'
            'Console.WriteLine("started"); Spin(0);')
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("calls > 0"), "true")

    def test_interrupt_training_loop_without_cancellation_calls_keeps_model(self):
        self.value_of(
            "using TorchSharp;\nusing static TorchSharp.torch;\n"
            "torch.manual_seed(1); var model = nn.Linear(8, 1); var optimizer = optim.Adam(model.parameters(), 0.01);\n"
            "var x = torch.randn(256, 8); var y = x.sum(1, keepdim: true); var steps = 0; steps")
        content, _ = self.interrupt(
            'Console.WriteLine("started");\n'
            "for (var epoch = 0; epoch < 100_000_000; epoch++)\n"
            "{\n"
            "    optimizer.zero_grad();\n"
            "    var loss = nn.functional.mse_loss(model.forward(x), y);\n"
            "    loss.backward();\n"
            "    optimizer.step();\n"
            "    steps++;\n"
            "}")
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("steps > 0"), "true")
        # The model and optimizer survive and keep training.
        self.assertEqual(self.value_of("optimizer.zero_grad(); nn.functional.mse_loss(model.forward(x), y).backward(); optimizer.step(); model.forward(x).shape[0]"), "256")

    def test_interrupt_sigint_signal_mode_stops(self):
        pid = self.km.provisioner.process.pid
        content, _ = self.interrupt('var ticks = 0L; Console.WriteLine("started"); while (true) ticks++;',
                                    send=lambda: os.kill(pid, signal.SIGINT))
        self.assertInterrupted(content)
        self.assertEqual(self.value_of("ticks > 0"), "true")

    def test_interrupt_after_cell_ended_next_cell_unaffected(self):
        self.value_of("1")
        self.km.interrupt_kernel()
        time.sleep(0.5)
        # A pending thread interrupt must not fire in the next cell's waits.
        self.assertEqual(self.value_of("Thread.Sleep(300); 7"), "7")


if __name__ == "__main__":
    unittest.main()
