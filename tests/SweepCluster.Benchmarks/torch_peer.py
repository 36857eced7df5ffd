"""PyTorch peer of SweepCluster's trainer, for the `peer` benchmark (PeerBenchmark.cs).

The same model (tanh MLP, Xavier-uniform weights with gain 5/3, zero biases, Gaussian noise after every hidden
activation, linear output), data shapes, and update (noisy SGD / SGLD: w <- w - lr * clip_K(g) + sigma * xi, the clip
on each trial's whole batch gradient, one permutation per epoch, the loss read once per epoch), on one torch thread.
One trial is written as plain PyTorch (addmm layers, backward, clip_grad_norm_); a pack of S trials is one batched
network: weights [S, in, out], biases [S, 1, out], each layer one baddbmm, each trial clipped on its own norm.

Its command line holds the benchmark's settings: train size, batch size, dimension, classes, learning rate, clip,
SGLD noise, activation noise. It prints torch's version and BLAS, then reads requests "depth width pack epochs seed" from stdin, one a line; for each, trains a fresh pack for 1 + epochs
epochs and answers "first_ms later_ms first_cpu_ms later_cpu_ms" (the first epoch, then the mean of the others, on the
wall clock and in this process's CPU time), one a line.
"""
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

TRAIN_SIZE, BATCH, DIMENSION, CLASSES = (int(float(a)) for a in sys.argv[1:5])
LEARNING_RATE, CLIP, SGLD_NOISE, ACT_NOISE = (float(a) for a in sys.argv[5:9])


def xavier(pack, fan_in, fan_out, gain):
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(pack, fan_in, fan_out) * (2 * bound) - bound).requires_grad_()


def train_one(depth, width, epochs):
    """One trial, as plain PyTorch writes it; returns each epoch's (wall, CPU) milliseconds."""
    x_all = torch.randn(TRAIN_SIZE, DIMENSION)
    y_all = torch.randint(CLASSES, (TRAIN_SIZE,))
    sizes = [DIMENSION] + [width] * depth + [CLASSES]
    weights = [xavier(1, sizes[l], sizes[l + 1], 1.0 if l == depth else 5.0 / 3.0)[0].detach().requires_grad_()
               for l in range(depth + 1)]
    biases = [torch.zeros(sizes[l + 1], requires_grad=True) for l in range(depth + 1)]
    params = weights + biases
    times = []
    for _ in range(epochs):
        start_time, start_cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(TRAIN_SIZE)
        loss_sum = torch.zeros(())
        for start in range(0, TRAIN_SIZE, BATCH):
            index = order[start:start + BATCH]
            h, y = x_all[index], y_all[index]
            for l in range(depth):
                h = torch.addmm(biases[l], h, weights[l]).tanh()
                h = h + torch.randn_like(h) * ACT_NOISE
            loss = F.cross_entropy(torch.addmm(biases[depth], h, weights[depth]), y)
            for p in params:
                p.grad = None
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, CLIP)
            with torch.no_grad():
                for p in params:
                    p.add_(p.grad, alpha=-LEARNING_RATE)
                    p.add_(torch.randn_like(p), alpha=SGLD_NOISE)
                loss_sum += loss
        loss_sum.item()  # the loss, read once per epoch
        times.append(((time.perf_counter() - start_time) * 1000, (time.process_time() - start_cpu) * 1000))
    return times


def train(depth, width, pack, epochs):
    """A pack of trials as one batched network; returns each epoch's (wall, CPU) milliseconds."""
    x_all = torch.randn(pack, TRAIN_SIZE, DIMENSION)
    y_all = torch.randint(CLASSES, (pack, TRAIN_SIZE))
    sizes = [DIMENSION] + [width] * depth + [CLASSES]
    weights = [xavier(pack, sizes[l], sizes[l + 1], 1.0 if l == depth else 5.0 / 3.0) for l in range(depth + 1)]
    biases = [torch.zeros(pack, 1, sizes[l + 1], requires_grad=True) for l in range(depth + 1)]
    params = [p for pair in zip(weights, biases) for p in pair]
    times = []
    for _ in range(epochs):
        start_time, start_cpu = time.perf_counter(), time.process_time()
        order = torch.rand(pack, TRAIN_SIZE).argsort(1)  # one permutation per trial
        loss_sum = torch.zeros(pack)
        for start in range(0, TRAIN_SIZE, BATCH):
            index = order[:, start:start + BATCH]
            b = index.shape[1]
            h = x_all.gather(1, index.unsqueeze(-1).expand(pack, b, DIMENSION))
            y = y_all.gather(1, index)
            for l in range(depth):
                h = torch.baddbmm(biases[l], h, weights[l]).tanh()
                h = h + torch.randn_like(h) * ACT_NOISE
            logits = torch.baddbmm(biases[depth], h, weights[depth])
            losses = F.cross_entropy(logits.reshape(-1, CLASSES), y.reshape(-1), reduction="none").view(pack, b).mean(1)
            grads = torch.autograd.grad(losses.sum(), params)
            with torch.no_grad():
                norms = torch.stack([g.pow(2).sum((1, 2)) for g in grads]).sum(0).sqrt()
                scale = ((CLIP / (norms + 1e-6)).clamp(max=1.0) * -LEARNING_RATE).view(pack, 1, 1)
                for p, g in zip(params, grads):
                    p.add_(g * scale)
                    p.add_(torch.randn_like(p), alpha=SGLD_NOISE)
                loss_sum += losses
        loss_sum.tolist()  # the losses, read once per epoch
        times.append(((time.perf_counter() - start_time) * 1000, (time.process_time() - start_cpu) * 1000))
    return times


def main():
    torch.set_num_threads(1)
    # The BLAS its matrix products use: Debian's torch calls the system's libblas (the reference one unless another is installed).
    print(f"torch {torch.__version__}, BLAS {os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')}", flush=True)
    for line in sys.stdin:
        depth, width, pack, epochs, seed = map(int, line.split())
        torch.manual_seed(seed)
        times = train_one(depth, width, 1 + epochs) if pack == 1 else train(depth, width, pack, 1 + epochs)
        wall, cpu = zip(*times)
        print(f"{wall[0]:.4f} {sum(wall[1:]) / epochs:.4f} {cpu[0]:.4f} {sum(cpu[1:]) / epochs:.4f}", flush=True)


if __name__ == "__main__":
    main()
