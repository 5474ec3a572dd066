#!/usr/bin/python3
"""The PyTorch peers of the kit's benchmark steps (LstmTrainingStep.cs, TransformerTrainingStep.cs,
ConvLstmTrainingStep.cs): the same architectures, shapes, loss (masked MSE on the scored steps) and optimizer
(torch.optim.Adam, lr 1e-3), written as a PyTorch user would.

Served to the C# benchmark over stdin/stdout, one JSON object a line, so that one process (torch imported once)
runs interleaved with the kit's rounds:
    {"cmd": "setup", "workload": "lstm", "args": {...}}   -> {"ok": true, "parameters": N}
    {"cmd": "time", "threads": T, "steps": S, "warmup": W} -> {"times_s": [...], "loss": L}
    {"cmd": "parity", "path": "FILE.safetensors"}         -> max abs differences against the kit's output, loss, gradients
Any workload's args may add "predict": true: each step is then one prediction (eval mode, no gradients).
The first line written is {"torch": version, "config": torch.__config__.show(), "parallel": parallel_info()}.
"""
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_mini import load_file  # noqa: E402  (tests/fixtures/safetensors_mini.py, copied beside this file)


def masked_mse_loss(prediction, target):
    """HydroWorkshop.Engine.MaskedLosses.masked_mse_loss: the mean over the targets that are not NaN."""
    valid = ~torch.isnan(target)
    difference = prediction - torch.nan_to_num(target, 0.0)
    per_element = torch.where(valid, difference.pow(2), torch.zeros_like(difference))
    return per_element.sum() / valid.sum().clamp_min(1.0)


class LstmRegressor(nn.Module):
    """HydroWorkshop.Models.LstmRegressor (one layer, no attention): statics appended to every step, head on every step."""

    def __init__(self, dynamic_inputs, static_inputs, hidden):
        super().__init__()
        self.lstm = nn.LSTM(dynamic_inputs + static_inputs, hidden, 1, batch_first=True)
        self.dropout = nn.Dropout(0.0)
        self.head = nn.Linear(hidden, 1)

    def forward(self, dynamic, statics=None):
        x = dynamic if statics is None else torch.cat([dynamic, statics.unsqueeze(1).expand(-1, dynamic.shape[1], -1)], 2)
        output, _ = self.lstm(x)
        return self.head(self.dropout(output))


class TransformerRegressor(nn.Module):
    """HydroWorkshop.Models.TransformerRegressor with its defaults: projection + sinusoidal positions, pre-norm GELU
    encoder layers with a final LayerNorm, last-step pooling, linear head; output [batch, 1, 1]."""

    def __init__(self, inputs, max_length, d_model=64, heads=4, layers=2, feed_forward=256, dropout=0.1):
        super().__init__()
        self.projection = nn.Linear(inputs, d_model)
        position = torch.arange(max_length, dtype=torch.float64).unsqueeze(1)
        angle = position / torch.pow(10000.0, torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)
        table = torch.zeros(max_length, d_model)
        table[:, 0::2], table[:, 1::2] = torch.sin(angle).float(), torch.cos(angle).float()
        self.register_buffer("positions", table)
        layer = nn.TransformerEncoderLayer(d_model, heads, feed_forward, dropout, activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(d_model), enable_nested_tensor=False)
        self.head = nn.Linear(d_model, 1)

    def forward(self, dynamic):
        x = self.projection(dynamic) + self.positions[: dynamic.shape[1]].unsqueeze(0)
        return self.head(self.encoder(x)[:, -1]).unsqueeze(1)


class ConvLstmCell(nn.Module):
    """HydroWorkshop.Models.Maps.ConvLstmCell without peepholes: one convolution over cat(x, h) gives i, f, g, o."""

    def __init__(self, input_channels, hidden_channels, kernel_size=3):
        super().__init__()
        self.hidden_channels = hidden_channels
        self.conv = nn.Conv2d(input_channels + hidden_channels, 4 * hidden_channels, kernel_size, padding="same")

    def forward(self, x, state=None):
        if state is None:
            zeros = torch.zeros(x.shape[0], self.hidden_channels, x.shape[2], x.shape[3])
            state = (zeros, zeros)
        h, c = state
        i, f, g, o = self.conv(torch.cat([x, h], 1)).chunk(4, 1)
        c = f.sigmoid() * c + i.sigmoid() * g.tanh()
        return o.sigmoid() * c.tanh(), c


class ConvLstm(nn.Module):
    """HydroWorkshop.Models.Maps.ConvLstm: stacked cells (keys cells.N.conv.*), outputs [batch, time, hidden, y, x]."""

    def __init__(self, input_channels, hidden_channels, kernel_size=3, num_layers=1):
        super().__init__()
        self.cells = nn.ModuleList(ConvLstmCell(input_channels if k == 0 else hidden_channels, hidden_channels, kernel_size)
                                   for k in range(num_layers))

    def forward(self, x):
        state = [None] * len(self.cells)
        outputs = []
        for t in range(x.shape[1]):
            layer_input = x.select(1, t)
            for k, cell in enumerate(self.cells):
                state[k] = cell(layer_input, state[k])
                layer_input = state[k][0]
            outputs.append(layer_input)
        return torch.stack(outputs, 1)


class Workload:
    def __init__(self, name, args):
        torch.manual_seed(0)
        if name == "lstm":
            batch, steps, dynamic, static, hidden = args["batch"], args["steps"], args["dynamic"], args["static"], args["hidden"]
            self.model = LstmRegressor(dynamic, static, hidden)
            self.inputs = [torch.randn(batch, steps, dynamic)] + ([torch.randn(batch, static)] if static > 0 else [])
            self.target = torch.randn(batch, 1, 1)
            self.forward = lambda inputs: self.model(*inputs)[:, -1:]
            self.loss = masked_mse_loss
        elif name == "transformer":
            batch, steps, inputs = args["batch"], args["steps"], args["inputs"]
            self.model = TransformerRegressor(inputs, steps)
            self.inputs = [torch.randn(batch, steps, inputs)]
            self.target = torch.randn(batch, 1, 1)
            self.forward = lambda inputs: self.model(*inputs)
            self.loss = masked_mse_loss
        elif name == "convlstm":
            batch, steps, channels, hidden, rows, columns = (args[k] for k in ("batch", "steps", "channels", "hidden", "rows", "columns"))
            self.model = ConvLstm(channels, hidden)
            self.inputs = [torch.randn(batch, steps, channels, rows, columns)]
            self.target = torch.randn(batch, steps, hidden, rows, columns)
            self.forward = lambda inputs: self.model(*inputs)
            self.loss = masked_mse_loss
        else:
            raise ValueError(f"unknown workload {name}")
        self.predict = bool(args.get("predict", False))
        self.model.train()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)

    def step(self):
        if self.predict:  # one prediction, as validation and evaluation make it
            self.model.eval()
            with torch.no_grad():
                return self.loss(self.forward(self.inputs), self.target).item()
        self.model.train()
        self.optimizer.zero_grad()
        loss = self.loss(self.forward(self.inputs), self.target)
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def parity(self, path):
        """Loads the kit's state_dict, inputs and target; compares output, loss and gradients in eval mode."""
        tensors, _ = load_file(path)
        state = {k: v for k, v in tensors.items() if not k.startswith("__")}
        model = self.model
        saved = {k: v.clone() for k, v in model.state_dict().items()}
        model.load_state_dict(state, strict=True)
        model.eval()
        inputs = [tensors[f"__input.{k}"] for k in range(len(self.inputs))]
        model.zero_grad(set_to_none=True)
        output = self.forward(inputs)
        loss = self.loss(output, tensors["__target"])
        loss.backward()
        grad, grad_scale = 0.0, 0.0
        for name, p in model.named_parameters():
            grad = max(grad, (p.grad - tensors[f"__grad.{name}"]).abs().max().item())
            grad_scale = max(grad_scale, tensors[f"__grad.{name}"].abs().max().item())
        result = {"output": (output.detach() - tensors["__output"]).abs().max().item(),
                  "output_scale": tensors["__output"].abs().max().item(),
                  "loss": abs(loss.item() - tensors["__loss"].item()), "grad": grad, "grad_scale": grad_scale,
                  "keys": len(state)}
        model.zero_grad(set_to_none=True)
        model.load_state_dict(saved)
        model.train()
        return result


def blas_libraries():
    """The BLAS libraries this process has mapped (Debian's libblas.so.3 alternative: OpenBLAS or the reference BLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
    except OSError:
        return []
    return sorted(p for p in paths if "blas" in os.path.basename(p).lower() or "mkl" in os.path.basename(p).lower())


def main():
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))  # loads the BLAS
    print(json.dumps({"torch": torch.__version__, "config": torch.__config__.show(), "parallel": torch.__config__.parallel_info(),
                      "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS"), "blas": blas_libraries()}), flush=True)
    workload = None
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["cmd"] == "setup":
                workload = None
                workload = Workload(request["workload"], request["args"])
                reply = {"ok": True, "parameters": sum(p.numel() for p in workload.model.parameters())}
            elif request["cmd"] == "time":
                torch.set_num_threads(request["threads"])
                for _ in range(request.get("warmup", 0)):
                    workload.step()
                times, loss = [], math.nan
                for _ in range(request["steps"]):
                    start = time.perf_counter()
                    loss = workload.step()
                    times.append(time.perf_counter() - start)
                reply = {"times_s": times, "loss": loss, "threads": torch.get_num_threads()}
            elif request["cmd"] == "parity":
                reply = workload.parity(request["path"])
            else:
                raise ValueError(f"unknown command {request['cmd']}")
        except Exception as e:  # reported to the C# side, which stops with it
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
