#!/usr/bin/python3
"""The PyTorch peers of the C# benchmark steps (LstmTrainingStep.cs, TransformerTrainingStep.cs,
ConvLstmTrainingStep.cs): the same models, sizes and hand-written Adam.

Usage: training_steps.py MODEL THREADS WARMUP REPEATS -> one JSON line with the step times.
MODEL is lstm, transformer or convlstm.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn

model_name = sys.argv[1]
threads, warmup, repeats = map(int, sys.argv[2:5])
torch.set_num_threads(threads)
torch.manual_seed(0)
lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-8


def uniform(*shape, scale):
    return (torch.rand(*shape) * 2 - 1) * scale


if model_name == "lstm":
    # batch 256, 365 steps, 5 inputs, hidden 64; aten::lstm + linear head on the last step
    batch, steps, inputs, hidden = 256, 365, 5, 64
    s = 1.0 / hidden ** 0.5
    params = [uniform(4 * hidden, inputs, scale=s), uniform(4 * hidden, hidden, scale=s), uniform(4 * hidden, scale=s),
              uniform(4 * hidden, scale=s), uniform(1, hidden, scale=s), torch.zeros(1)]
    for p in params:
        p.requires_grad_(True)
    x, y = torch.randn(batch, steps, inputs), torch.randn(batch, 1)
    h0, c0 = torch.zeros(1, batch, hidden), torch.zeros(1, batch, hidden)

    def loss_fn():
        out, _, _ = torch._VF.lstm(x, (h0, c0), params[:4], True, 1, 0.0, True, False, True)
        return (out[:, -1].matmul(params[4].t()) + params[5] - y).pow(2).mean()
elif model_name == "transformer":
    # 2 encoder layers, d_model 64, 4 heads, feed-forward 256, sequence 365, batch 64, dropout 0.1
    batch, steps, d_model = 64, 365, 64
    encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model, 4, 256, 0.1, batch_first=True), 2, enable_nested_tensor=False)
    head = nn.Linear(d_model, 1)
    params = list(encoder.parameters()) + list(head.parameters())
    x, y = torch.randn(batch, steps, d_model), torch.randn(batch, 1)

    def loss_fn():
        return (head(encoder(x)[:, -1]) - y).pow(2).mean()
else:
    # one ConvLSTM layer written with Conv2d: 16 hidden channels, 3x3, 64x64 grid, 12 steps, batch 8
    batch, steps, channels, hidden, size = 8, 12, 1, 16, 64
    gates = nn.Conv2d(channels + hidden, 4 * hidden, 3, padding=1)
    head = nn.Conv2d(hidden, 1, 1)
    params = list(gates.parameters()) + list(head.parameters())
    x, y = torch.randn(batch, steps, channels, size, size), torch.randn(batch, 1, size, size)

    def loss_fn():
        h = torch.zeros(batch, hidden, size, size)
        c = torch.zeros(batch, hidden, size, size)
        for t in range(steps):
            i, f, g, o = gates(torch.cat([x[:, t], h], 1)).chunk(4, 1)
            c = f.sigmoid() * c + i.sigmoid() * g.tanh()
            h = o.sigmoid() * c.tanh()
        return (head(h) - y).pow(2).mean()

m = [torch.zeros_like(p) for p in params]
v = [torch.zeros_like(p) for p in params]
t = 0


def step():
    global t
    loss = loss_fn()
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
