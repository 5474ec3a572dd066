#!/usr/bin/python3
"""The PyTorch peer of LstmTrainingStep.cs: the same step, sizes, initialisation and Adam.

Usage: lstm_step.py BATCH STEPS INPUTS HIDDEN THREADS WARMUP REPEATS -> prints one JSON line.
"""
import json
import statistics
import sys
import time

import torch

batch, steps, inputs, hidden, threads, warmup, repeats = map(int, sys.argv[1:8])
torch.set_num_threads(threads)
torch.manual_seed(0)

scale = 1.0 / hidden ** 0.5
params = [
    (torch.rand(4 * hidden, inputs) * 2 - 1) * scale,   # w_ih
    (torch.rand(4 * hidden, hidden) * 2 - 1) * scale,   # w_hh
    (torch.rand(4 * hidden) * 2 - 1) * scale,           # b_ih
    (torch.rand(4 * hidden) * 2 - 1) * scale,           # b_hh
    (torch.rand(1, hidden) * 2 - 1) * scale,            # head weight
    torch.zeros(1),                                     # head bias
]
for p in params:
    p.requires_grad_(True)
m = [torch.zeros_like(p) for p in params]
v = [torch.zeros_like(p) for p in params]
x = torch.randn(batch, steps, inputs)
y = torch.randn(batch, 1)
h0 = torch.zeros(1, batch, hidden)
c0 = torch.zeros(1, batch, hidden)
lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-8
t = 0


def step():
    global t
    out, _, _ = torch._VF.lstm(x, (h0, c0), params[:4], True, 1, 0.0, True, False, True)
    prediction = out[:, -1].matmul(params[4].t()) + params[5]   # [batch, 1]
    loss = (prediction - y).pow(2).mean()
    for p in params:
        p.grad = None
    loss.backward()
    t += 1
    with torch.no_grad():
        for p, m_, v_ in zip(params, m, v):
            g = p.grad
            m_.mul_(beta1).add_(g, alpha=1 - beta1)
            v_.mul_(beta2).addcmul_(g, g, value=1 - beta2)
            denom = (v_.sqrt() / (1 - beta2 ** t) ** 0.5).add_(eps)
            p.addcdiv_(m_, denom, value=-lr / (1 - beta1 ** t))
    return loss.item()


for _ in range(warmup):
    step()
times = []
for _ in range(repeats):
    start = time.perf_counter()
    loss = step()
    times.append(time.perf_counter() - start)
print(json.dumps({"median_s": statistics.median(times), "times_s": times, "loss": loss,
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
