"""W2 and W4 of WORKLOADS.md with PyTorch, for a side-by-side ratio with MlpReport on the same machine.

    apt-get install python3-torch   # Debian's build
    /usr/bin/python3 autodiff-bench/peers/pytorch_w2_w4.py

float64 throughout, like the Java engine; tanh between dense layers, softmax cross-entropy, plain SGD with lr 0.01.
Times are medians of repeated batches of steps, after a warm-up, in microseconds.
"""
import statistics
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(2)                      # both cores, as the Java engine may use
SIZES = {"S": (32, [2, 16, 16, 2]), "M": (64, [64, 128, 128, 10]), "L": (128, [784, 512, 512, 10])}


def mlp(widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def median_us(fn, seconds=5.0, warmup=2.0):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        fn()
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.1:
            fn()
            n += 1
        samples.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(samples)


def main():
    torch.manual_seed(1)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, float64")
    print("| MLP | batch | step (us) |")
    print("|---|---:|---:|")
    for name, (batch, widths) in SIZES.items():
        model = mlp(widths)
        x = torch.randn(batch, widths[0])
        y = torch.randint(0, widths[-1], (batch,))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()

        print(f"| {name} | {batch} | {median_us(step):.1f} |")
    batch, widths = SIZES["M"]
    model = mlp(widths)
    x = torch.randn(batch, widths[0])
    y = torch.randint(0, widths[-1], (batch,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def loss():
        with torch.no_grad():
            return loss_fn(model(x), y)

    def backprop():
        model.zero_grad()
        loss_fn(model(x), y).backward()

    params = list(model.parameters())
    v = [torch.randn_like(p) for p in params]

    def hvp():
        g = torch.autograd.grad(loss_fn(model(x), y), params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        torch.autograd.grad(dot, params)

    l, b, h = median_us(loss), median_us(backprop), median_us(hvp)
    print()
    print("| MLP M | loss (us) | backprop (us) | backprop/loss | hvp (us) | hvp/backprop |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| PyTorch | {l:.1f} | {b:.1f} | {b / l:.1f} | {h:.1f} | {h / b:.2f} |")


if __name__ == "__main__":
    main()
