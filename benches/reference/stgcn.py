#!/usr/bin/env python3
"""Reference STGCN in plain PyTorch, written to the same layout as lingcn's Rust model.

Modes:
  --parity DIR   load DIR/config.json + DIR/weights.safetensors (strict=True), run the eval
                 forward and one SGD step on DIR/input.npy / DIR/labels.npy, write the results
                 (py_*.npy / py_*.safetensors) for the Rust parity test; also write a randomly
                 initialised PyTorch model (py_model.safetensors) and its logits, for import.
  --parity-act DIR
                 the same for a LinGCN model: DIR/activation.json says which unit runs at the
                 nonlinear layers (relu, gated = node-wise gated ReLU with structural
                 polarization and the straight-through estimator, poly = frozen gates around the
                 node-wise quadratic); writes eval and train logits, the hard gates it derived,
                 and the gradients of CE + lambda * gate density (DIR/loss.json).
  --bench        time forward+backward+SGD step at a given preset, frames, batch and threads.
"""
import argparse
import json
import os
import resource
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

V = 25
CENTER = 20  # joint 21, 1-based
BONES = [(1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7), (9, 21),
         (10, 9), (11, 10), (12, 11), (13, 1), (14, 13), (15, 14), (16, 15), (17, 1),
         (18, 17), (19, 18), (20, 19), (22, 23), (23, 8), (24, 25), (25, 12)]


def spatial_graph():
    """K=3 spatial partition: equal distance to centre / input nearer / input farther."""
    adj = np.eye(V, dtype=np.float64)
    for a, b in BONES:
        adj[a - 1, b - 1] = adj[b - 1, a - 1] = 1
    hop = np.full(V, -1)
    hop[CENTER] = 0
    frontier = [CENTER]
    while frontier:
        nxt = []
        for j in frontier:
            for i in np.nonzero(adj[j])[0]:
                if hop[i] < 0:
                    hop[i] = hop[j] + 1
                    nxt.append(i)
        frontier = nxt
    norm = adj / adj.sum(axis=0, keepdims=True)
    A = np.zeros((3, V, V), dtype=np.float32)
    for j, i in zip(*np.nonzero(adj)):
        k = 0 if hop[j] == hop[i] else (1 if hop[j] < hop[i] else 2)
        A[k, j, i] = norm[j, i]
    return torch.from_numpy(A)


class GraphConv(nn.Module):
    def __init__(self, c_in, c_out, k):
        super().__init__()
        self.k = k
        self.conv = nn.Conv2d(c_in, c_out * k, kernel_size=1)

    def forward(self, x, A):
        x = self.conv(x)
        n, kc, t, v = x.size()
        x = x.view(n, self.k, kc // self.k, t, v)
        return torch.einsum("nkctv,kvw->nctw", x, A)


class Block(nn.Module):
    def __init__(self, c_in, c_out, stride, residual, kt, dropout, act=None):
        super().__init__()
        self.gcn = GraphConv(c_in, c_out, 3)
        # With a LinGCN activation, tcn.1 is bypassed by act0 and the block's output goes
        # through act1; the plain model keeps the original ST-GCN layout (and state_dict).
        if act is not None:
            self.act0, self.act1 = act(), act()
        self.tcn = nn.Sequential(
            nn.BatchNorm2d(c_out),
            nn.ReLU(),
            nn.Conv2d(c_out, c_out, (kt, 1), (stride, 1), ((kt - 1) // 2, 0)),
            nn.BatchNorm2d(c_out),
            nn.Dropout(dropout),
        )
        if not residual:
            self.residual = None
        elif c_in == c_out and stride == 1:
            self.residual = nn.Identity()
        else:
            self.residual = nn.Sequential(
                nn.Conv2d(c_in, c_out, kernel_size=1, stride=(stride, 1)), nn.BatchNorm2d(c_out))

    def forward(self, x, A):
        if not hasattr(self, "act0"):
            y = self.tcn(self.gcn(x, A))
            if self.residual is not None:
                y = y + self.residual(x)
            return F.relu(y)
        bn0, _, conv, bn1, drop = self.tcn
        y = drop(bn1(conv(self.act0(bn0(self.gcn(x, A))))))
        if self.residual is not None:
            y = y + self.residual(x)
        return self.act1(y)


class STGCN(nn.Module):
    def __init__(self, cfg, act=None):
        super().__init__()
        c_in, kt = cfg["in_channels"], cfg["temporal_kernel"]
        self.register_buffer("A", spatial_graph())
        self.data_bn = nn.BatchNorm1d(c_in * V)
        blocks, prev = [], c_in
        for i, b in enumerate(cfg["blocks"]):
            drop = 0.0 if i == 0 else cfg["dropout"]
            blocks.append(Block(prev, b["out"], b["stride"], b["residual"], kt, drop, act))
            prev = b["out"]
        self.st_gcn_networks = nn.ModuleList(blocks)
        if cfg["edge_importance"]:
            self.edge_importance = nn.ParameterList(
                [nn.Parameter(torch.ones(self.A.size())) for _ in blocks])
        else:
            self.edge_importance = [1] * len(blocks)
        self.fcn = nn.Conv2d(prev, cfg["num_class"], kernel_size=1)

    def forward(self, x):
        N, C, T, V_, M = x.size()
        x = x.permute(0, 4, 3, 1, 2).contiguous().view(N * M, V_ * C, T)
        x = self.data_bn(x)
        x = x.view(N, M, V_, C, T).permute(0, 1, 3, 4, 2).contiguous().view(N * M, C, T, V_)
        for block, e in zip(self.st_gcn_networks, self.edge_importance):
            if hasattr(block, "act0"):
                polarize_block(block)
            x = block(x, self.A * e)
        x = F.avg_pool2d(x, x.size()[2:])
        x = x.view(N, M, -1, 1, 1).mean(dim=1)
        return self.fcn(x).view(N, -1)


def sgd(model, step):
    return torch.optim.SGD(model.parameters(), lr=step["lr"], momentum=step["momentum"],
                           nesterov=step["nesterov"], weight_decay=step["weight_decay"])


def randomize(model):
    """Non-trivial BN statistics and edge importance, so eval mode checks them too."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.num_batches_tracked.fill_(3)
        for e in model.edge_importance:
            if isinstance(e, torch.Tensor):
                e.uniform_(0.5, 1.5)


def parity(d):
    from safetensors.torch import load_file, save_file
    with open(os.path.join(d, "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(d, "step.json")) as f:
        step = json.load(f)
    model = STGCN(cfg)
    own_A = model.A.clone()
    model.load_state_dict(load_file(os.path.join(d, "weights.safetensors")), strict=True)
    assert torch.allclose(own_A, model.A, atol=1e-7), "graph A differs from lingcn's"
    x = torch.from_numpy(np.load(os.path.join(d, "input.npy")))
    y = torch.from_numpy(np.load(os.path.join(d, "labels.npy"))).long()
    model.eval()
    with torch.no_grad():
        np.save(os.path.join(d, "py_logits_eval.npy"), model(x).numpy())
    model.train()
    opt = sgd(model, step)
    logits = model(x)
    loss = F.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    np.save(os.path.join(d, "py_logits_train.npy"), logits.detach().numpy())
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(d, "py_after_step.safetensors"))
    torch.manual_seed(123)
    fresh = STGCN(cfg)
    randomize(fresh)
    fresh.eval()
    save_file({k: v.contiguous() for k, v in fresh.state_dict().items()},
              os.path.join(d, "py_model.safetensors"))
    with torch.no_grad():
        np.save(os.path.join(d, "py_model_logits.npy"), fresh(x).numpy())


# ---------------------------------------------------------------------------------------
# LinGCN units (LINGCN.md sections 3 and 4), written from the paper's rules.

class HardGateSTE(torch.autograd.Function):
    """Structural polarization of one block's two score vectors a, b ([L] each) into hard
    0/1 gates; backward is the straight-through estimator grad_aux = softplus(aux) * grad.

    Per node the smaller and the larger of its two scores form a "low" and a "high" row;
    a row is kept at every node iff its sum over the nodes is > 0, and a node's single kept
    gate (low row dropped, high kept) sits at its larger score (on a tie, at unit 1)."""

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        keep_low = (torch.minimum(a, b).sum() > 0).to(a.dtype)
        keep_high = (torch.maximum(a, b).sum() > 0).to(a.dtype)
        b_high = (b >= a).to(a.dtype)  # unit 1 holds the node's larger score
        gate_b = keep_high * b_high + keep_low * (1 - b_high)
        gate_a = keep_high * (1 - b_high) + keep_low * b_high
        return gate_a, gate_b

    @staticmethod
    def backward(ctx, grad_a, grad_b):
        a, b = ctx.saved_tensors
        return F.softplus(a) * grad_a, F.softplus(b) * grad_b


def polarize_block(block):
    """Sets block.act0.g / block.act1.g ([V]) for this forward."""
    u0, u1 = block.act0, block.act1
    if isinstance(u0, GatedReLU):
        ga, gb = HardGateSTE.apply(u0.aux, u1.aux)
        u0.g, u1.g = ga.expand(V), gb.expand(V)
    else:
        u0.g, u1.g = u0.gate, u1.gate


def node(v):
    """[V] -> [1, 1, 1, V], broadcast over (N, C, T)."""
    return v.view(1, 1, 1, -1)


class GatedReLU(nn.Module):
    """gate * relu(x) + (1 - gate) * x with learnable scores `aux` ([V], or [1] layer-wise)
    and the `gate` buffer holding the hard gates (checked against our own polarization)."""

    def __init__(self, scores):
        super().__init__()
        self.aux = nn.Parameter(torch.zeros(scores))
        self.register_buffer("gate", torch.ones(V))

    def forward(self, x):
        g = node(self.g)
        return g * F.relu(x) + (1 - g) * x


class GatedPoly(nn.Module):
    """Frozen gates around p(x) = x * (s * w2[v] * x + w1[v]) + b[v]."""

    def __init__(self, scale):
        super().__init__()
        self.s = scale
        self.register_buffer("gate", torch.ones(V))
        self.w2 = nn.Parameter(torch.full((V,), 0.005))
        self.w1 = nn.Parameter(torch.ones(V))
        self.b = nn.Parameter(torch.zeros(V))

    def forward(self, x):
        g = node(self.g)
        p = x * (self.s * node(self.w2) * x + node(self.w1)) + node(self.b)
        return g * p + (1 - g) * x


def unit_factory(act_cfg):
    kind = act_cfg.get("kind", "relu")
    if kind == "relu":
        return None
    if kind == "gated":
        scores = V if act_cfg.get("granularity", "node") == "node" else 1
        return lambda: GatedReLU(scores)
    if kind == "poly":
        return lambda: GatedPoly(act_cfg["poly_scale"])
    raise ValueError(f"unknown activation kind {kind}")


def gate_units(model):
    return [(f"st_gcn_networks.{i}.act{u}", getattr(b, f"act{u}"))
            for i, b in enumerate(model.st_gcn_networks) for u in (0, 1)]


def density(model):
    """Kept gates / all gates (through the STE for learnable gates)."""
    for b in model.st_gcn_networks:
        polarize_block(b)
    return torch.cat([unit.g for _, unit in gate_units(model)]).mean()


def parity_act(d):
    from safetensors.torch import load_file, save_file
    cfg = json.load(open(os.path.join(d, "config.json")))
    act_cfg = json.load(open(os.path.join(d, "activation.json")))
    lam = json.load(open(os.path.join(d, "loss.json")))["lambda"]
    model = STGCN(cfg, unit_factory(act_cfg))
    model.load_state_dict(load_file(os.path.join(d, "weights.safetensors")), strict=True)
    x = torch.from_numpy(np.load(os.path.join(d, "input.npy")))
    y = torch.from_numpy(np.load(os.path.join(d, "labels.npy"))).long()
    model.eval()
    with torch.no_grad():
        np.save(os.path.join(d, "py_logits_eval.npy"), model(x).numpy())
        # The hard gates we derive (learnable) or use (frozen), next to lingcn's buffers.
        density(model)
        save_file({name + ".gate": unit.g.detach().clone() for name, unit in gate_units(model)},
                  os.path.join(d, "py_gates.safetensors"))
    model.train()
    logits = model(x)
    loss = F.cross_entropy(logits, y) + lam * density(model)
    loss.backward()
    np.save(os.path.join(d, "py_logits_train.npy"), logits.detach().numpy())
    np.save(os.path.join(d, "py_loss.npy"), loss.detach().reshape(1).numpy())
    save_file({k: p.grad.contiguous() for k, p in model.named_parameters()},
              os.path.join(d, "py_grads.safetensors"))


def preset(name):
    widths = {"small": [16, 32, 32], "stgcn_3_256": [128, 256, 256]}[name]
    blocks = [{"out": widths[0], "stride": 1, "residual": False},
              {"out": widths[1], "stride": 2, "residual": True},
              {"out": widths[2], "stride": 1, "residual": True}]
    return {"in_channels": 3, "num_class": 60, "blocks": blocks, "temporal_kernel": 9,
            "dropout": 0.5, "edge_importance": True}


def bench(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = STGCN(preset(args.preset)).train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True,
                          weight_decay=1e-4)
    x = torch.randn(args.batch, 3, args.frames, V, 2)
    y = torch.randint(0, 60, (args.batch,))

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    secs = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"impl": "pytorch", "preset": args.preset, "frames": args.frames,
                      "batch": args.batch, "threads": args.threads, "steps": args.steps,
                      "seconds_per_step": secs / args.steps,
                      "samples_per_s": args.batch * args.steps / secs,
                      "peak_rss_mb": rss_mb}))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--parity", metavar="DIR")
    p.add_argument("--parity-act", metavar="DIR")
    p.add_argument("--bench", action="store_true")
    p.add_argument("--preset", default="small", choices=["small", "stgcn_3_256"])
    p.add_argument("--frames", type=int, default=64)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    args = p.parse_args()
    if args.parity:
        parity(args.parity)
    elif args.parity_act:
        parity_act(args.parity_act)
    elif args.bench:
        bench(args)
    else:
        p.error("give --parity DIR, --parity-act DIR or --bench")


if __name__ == "__main__":
    main()
