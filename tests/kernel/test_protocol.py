"""Protocol and robustness tests beyond the conformance suite: signatures, interrupt, streaming,
tracebacks, NuGet, restart, and 1,000 executions with the kernel's memory growth reported."""
import os
import time
import unittest
from queue import Empty

import psutil
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

import kernel_env

kernel_env.install_test_kernelspec()


class KernelProtocolTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def execute(self, code, timeout=30):
        """Runs code; returns (reply content, [(msg_type, content)] of the outputs, seconds to reply)."""
        start = time.perf_counter()
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        elapsed = time.perf_counter() - start
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] not in ("status", "execute_input"):
                outputs.append((msg["msg_type"], msg["content"]))
        return reply["content"], outputs, elapsed

    def value_of(self, code):
        reply, outputs, _ = self.execute(code)
        self.assertEqual(reply["status"], "ok", reply)
        results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]

    def shell_url(self):
        info = self.km.get_connection_info()
        return f"{info['transport']}://{info['ip']}:{info['shell_port']}"

    def test_execute_signature_tampered_or_missing_not_executed(self):
        self.execute("var tampered = 0;")
        good = Session(key=self.km.session.key, signature_scheme="hmac-sha256")
        wrong_key = Session(key=b"not-the-kernel-key", signature_scheme="hmac-sha256")
        unsigned = Session(key=b"")
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(self.shell_url())
        try:
            for session in (wrong_key, unsigned):
                session.send(sock, "execute_request", content={"code": "tampered = 1;", "silent": False, "store_history": True,
                                                               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            # Correctly signed, then the content changed after signing.
            msg = good.msg("execute_request", content={"code": "var harmless = 1;", "silent": False, "store_history": True,
                                                       "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            frames = good.serialize(msg)
            frames[-1] = frames[-1].replace(b"var harmless = 1;", b"tampered = 2;     ")
            sock.send_multipart(frames)
            self.assertEqual(sock.poll(1500), 0, "the kernel answered a message with a bad signature")
        finally:
            sock.close()
        self.assertEqual(self.value_of("tampered"), "0")

    def test_interrupt_cooperative_infinite_loop_stops_and_next_cell_runs(self):
        msg_id = self.kc.execute("var spins = 0; while (true) { WorkshopCancellation.ThrowIfCancellationRequested(); spins++; Thread.Sleep(5); }")
        time.sleep(1.0)
        start = time.perf_counter()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=20)  # a hang guard; the time is printed (goal: under 1 s)
        elapsed = time.perf_counter() - start
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        print(f"\n  interrupt stopped the loop in {elapsed * 1000:.0f} ms")
        self.assertEqual(self.value_of("spins > 10"), "true")
        self.assertEqual(self.value_of("1 + 1"), "2")

    def test_execute_print_slowly_streams_before_reply(self):
        msg_id = self.kc.execute('for (var i = 0; i < 3; i++) { Console.WriteLine($"step {i}"); Thread.Sleep(400); }')
        first = None
        while first is None:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                first = msg
        self.assertIn("step 0", first["content"]["text"])
        with self.assertRaises(Empty):
            self.kc.get_shell_msg(timeout=0.2)  # still running: output arrived while the cell ran
        self.kc.get_shell_msg(timeout=10)

    def test_execute_stderr_and_stdout_interleaved_arrive_in_order_written(self):
        reply, outputs, _ = self.execute('Console.Error.WriteLine("a"); Console.WriteLine("b"); Console.Error.WriteLine("c");')
        self.assertEqual(reply["status"], "ok", reply)
        runs = []   # consecutive messages of one stream joined: the kernel may split a run, never reorder it
        for msg_type, content in outputs:
            if msg_type != "stream":
                continue
            if runs and runs[-1][0] == content["name"]:
                runs[-1] = (content["name"], runs[-1][1] + content["text"])
            else:
                runs.append((content["name"], content["text"]))
        self.assertEqual(runs, [("stderr", "a\n"), ("stdout", "b\n"), ("stderr", "c\n")])

    def test_execute_runtime_error_traceback_points_at_cell_line(self):
        reply, outputs, _ = self.execute("var a = 1;\nvar b = 0;\nvar c = a / b;")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "DivideByZeroException")
        text = "\n".join(reply["traceback"])
        self.assertRegex(text, r"In\[\d+\].*, line 3: var c = a / b;")
        self.assertEqual(self.value_of("a + 1"), "2")  # the kernel survived, a is kept

    def test_execute_compile_error_names_line_and_column(self):
        reply, _, _ = self.execute("var ok = 1;\nundefinedThing + 1")
        self.assertEqual(reply["status"], "error")
        self.assertIn("line 2, column 1: error CS0103", "\n".join(reply["traceback"]))

    def test_execute_nuget_missing_clear_error(self):
        reply, _, _ = self.execute('#r "nuget: No.Such.Package.Anywhere, 9.9.9"\n1')
        self.assertEqual(reply["status"], "error")
        self.assertIn("No.Such.Package.Anywhere", reply["evalue"])
        self.assertIn("local package folders", reply["evalue"])

    def test_execute_nuget_local_package_resolves(self):
        home = os.path.expanduser("~/.nuget/packages/newtonsoft.json")
        if not os.path.isdir(home):
            self.skipTest("Newtonsoft.Json is not in ~/.nuget/packages")
        value = self.value_of('#r "nuget: Newtonsoft.Json"\nNewtonsoft.Json.JsonConvert.SerializeObject(new { depth = 1.5 })')
        self.assertEqual(value, '{"depth":1.5}')

    def test_execute_library_prereferenced_without_r(self):
        self.assertEqual(self.value_of("typeof(HydroWorkshop.Common.ProjectPaths).Name"), "ProjectPaths")

    def test_execute_notebook_display_hook_updates_in_place(self):
        reply, outputs, _ = self.execute('var h = NotebookDisplay.Display("epoch 1"); h.Update("epoch 2");')
        self.assertEqual(reply["status"], "ok")
        kinds = [t for t, _ in outputs]
        self.assertEqual(kinds, ["display_data", "update_display_data"])
        self.assertEqual(outputs[0][1]["transient"]["display_id"], outputs[1][1]["transient"]["display_id"])
        self.assertEqual(outputs[1][1]["data"]["text/plain"], "epoch 2")

    def inspect(self, code, cursor_pos):
        msg_id = self.kc.inspect(code, cursor_pos)
        reply = self.kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=60)
        return reply["content"]

    def test_inspect_documented_methods_summary_parameters_returns_as_text_and_markdown(self):
        bcl = self.inspect("Math.Clamp(2.5, 0.0, 1.0)", 8)
        self.assertTrue(bcl["found"], bcl)
        self.assertIn("Returns value clamped to the inclusive range of min and max.", bcl["data"]["text/plain"])
        self.assertIn("  double min: The lower bound of the result.", bcl["data"]["text/plain"])
        self.assertIn("- `double max`: The upper bound of the result.", bcl["data"]["text/markdown"])
        library = self.inspect("HydroWorkshop.Plotting.HydroCharts.Hydrograph", 46)
        self.assertTrue(library["data"]["text/markdown"].startswith("```csharp\nFigure HydroCharts.Hydrograph("), library)
        self.assertIn("- `double[]? simulated = null`: Simulated discharge, length n, or null.", library["data"]["text/markdown"])
        self.assertIn("\n**Returns** `Figure`", library["data"]["text/markdown"])

    def test_execute_error_requests_queued_before_it_aborted(self):
        failing = self.kc.execute('Thread.Sleep(2000); throw new InvalidOperationException("stop here");')
        queued = self.kc.execute("var ranAfterError = 1;")  # sent at once: waiting while the first cell runs
        replies = {}
        while len(replies) < 2:
            reply = self.kc.get_shell_msg(timeout=60)
            replies[reply["parent_header"].get("msg_id")] = reply["content"]["status"]
        self.assertEqual(replies[failing], "error")
        self.assertEqual(replies[queued], "aborted")
        reply, _, _ = self.execute("ranAfterError")
        self.assertEqual(reply["status"], "error")  # never ran

    def test_execute_request_sent_after_error_reply_runs(self):
        # The next cell a participant runs after an error must run, however fast it follows the error (20 times, so a
        # race between the error reply and the abort of queued requests shows).
        for attempt in range(20):
            failing = self.kc.execute('throw new InvalidOperationException("boom");')
            reply = self.kc.get_shell_msg(timeout=60)
            while reply["parent_header"].get("msg_id") != failing:
                reply = self.kc.get_shell_msg(timeout=60)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(self.value_of(f"{attempt} + 1"), str(attempt + 1))

    def test_comm_info_empty(self):
        msg_id = self.kc.comm_info()
        # Replies to earlier requests may still be queued: start_new_kernel re-sends kernel_info_request every second
        # until the first reply, so a loaded machine leaves extra kernel_info_replies on the shell channel.
        reply = self.kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg_id:
            self.assertEqual(reply["msg_type"], "kernel_info_reply", reply)
            reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})

    def test_execute_thousand_small_cells_memory_growth_reported(self):
        pid = self.km.provisioner.process.pid
        process = psutil.Process(pid)
        self.execute("var counter = 0;")
        for _ in range(20):
            self.execute("counter++;")
        rss_before = process.memory_info().rss
        start = time.perf_counter()
        for i in range(1000):
            reply, _, _ = self.execute("counter++;")
            self.assertEqual(reply["status"], "ok", f"execution {i}: {reply}")
        seconds = time.perf_counter() - start
        rss_after = process.memory_info().rss
        self.assertEqual(self.value_of("counter"), "1020")
        growth = (rss_after - rss_before) / 2**20
        print(f"\n  1000 executions in {seconds:.1f} s ({seconds:.3f} ms each x1000); kernel RSS "
              f"{rss_before / 2**20:.0f} -> {rss_after / 2**20:.0f} MiB (+{growth:.1f} MiB, {growth * 1024 / 1000:.1f} KiB per cell)")
        self.assertLess(growth, 1024, "more than 1 GiB growth over 1000 small cells")


class KernelRestartTests(unittest.TestCase):
    def test_restart_kernel_state_is_fresh(self):
        km, kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=60)
        try:
            kc.execute_interactive("var before = 1;", timeout=30, output_hook=lambda msg: None)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            reply = kc.execute_interactive("before", timeout=30, output_hook=lambda msg: None)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertIn("CS0103", reply["content"]["evalue"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel()


if __name__ == "__main__":
    unittest.main()
