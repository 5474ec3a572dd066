"""Benchmark: kernel start-up time and round-trip time of a trivial execute request after warm-up, for
the C# (HydroWorkshop) kernel beside the IPython kernel (Debian python3-ipykernel), measured in the same run.

    /usr/bin/python3 tests/kernel/bench_kernel.py [--starts 3] [--round-trips 300]

Start-up: from launching the process to the kernel_info reply ("ready") and to the result of the first
cell ("first result", which for C# includes Roslyn's first compilation). Round trip: execute_request sent
-> execute_reply and the idle status received, for "1 + 1", after 50 warm-up executions. The kernel process's CPU time (to the first result, per execution) is printed
too: on a shared, loaded machine it is the figure that compares fairly.
"""
import argparse
import os
import statistics
import time

import psutil
from jupyter_client.manager import start_new_kernel

import kernel_env


def execute(kc, code):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def cpu_seconds(km):
    """User + system CPU time of the kernel process: unlike wall time, barely affected by other load."""
    times = psutil.Process(km.provisioner.process.pid).cpu_times()
    return times.user + times.system


def start_up(kernel_name, runs):
    ready, first, cpu = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
        ready.append(time.perf_counter() - t0)
        execute(kc, "1 + 1")
        first.append(time.perf_counter() - t0)
        cpu.append(cpu_seconds(km))
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(ready), statistics.median(first), statistics.median(cpu)


def round_trip(kernel_name, iterations):
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
    try:
        for _ in range(50):
            execute(kc, "1 + 1")
        times = []
        cpu0 = cpu_seconds(km)
        for _ in range(iterations):
            t0 = time.perf_counter()
            execute(kc, "1 + 1")
            times.append((time.perf_counter() - t0) * 1000)
        cpu = (cpu_seconds(km) - cpu0) * 1000 / iterations
        times.sort()
        return statistics.median(times), times[int(0.95 * (len(times) - 1))], statistics.mean(times), cpu
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=3, help="kernel starts per kernel (median reported)")
    parser.add_argument("--round-trips", type=int, default=300, help="timed executions per kernel")
    args = parser.parse_args()
    kernel_env.install_test_kernelspec()
    print(f"C# kernel: {kernel_env.kernel_dll()}")
    kernels = [("C# (HydroWorkshop)", kernel_env.KERNEL_NAME), ("IPython (ipykernel)", "python3")]
    print(f"{'kernel':<22} {'ready s':>8} {'first result s':>15} {'CPU to first s':>15} "
          f"{'RTT median ms':>14} {'RTT p95 ms':>11} {'RTT mean ms':>12} {'CPU/exec ms':>12}")
    for label, name in kernels:
        ready, first, cpu_start = start_up(name, args.starts)
        median, p95, mean, cpu = round_trip(name, args.round_trips)
        print(f"{label:<22} {ready:>8.2f} {first:>15.2f} {cpu_start:>15.2f} "
              f"{median:>14.2f} {p95:>11.2f} {mean:>12.2f} {cpu:>12.2f}", flush=True)
    print("goal (issue 7): round trip < 50 ms after warm-up, start-up < 3 s; load average now: "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
