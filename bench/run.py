#!/usr/bin/env python3
"""act-mlir against oneDNN and OpenBLAS, in one script run.

For every workload and thread count: act-bench-baseline writes seeded
inputs and the reference result and times the libraries; act-run times the
act-mlir kernel (lowered by act-lower-to-cpu with contract=true; the
elementwise chain with fast-math=true results-to-out-params=true) on the
same inputs after its output has been checked against the reference. Prints one
summary line per workload, writes bench-results.csv and bench-results.png.

  python3 bench/run.py [--build build] [--reps 10] [--quick] [--out DIR]
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

MATMULS = [  # (M, N, K)
    (1024, 1024, 1024),
    (256, 4096, 1024),
    (128, 768, 3072),
    (64, 512, 512),
    (1000, 1000, 1000),
    (127, 255, 511),
    (1, 4096, 4096),
]
CHAIN_ELEMENTS = 16 * 1024 * 1024  # 64 MiB of f32


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def median_ms(text, prefix):
    match = re.search(prefix + r" median_ms=([0-9.e+-]+)", text)
    if not match:
        sys.exit(f"error: no timing for '{prefix}' in:\n{text}")
    return float(match.group(1))


def weights_constant(path, name, shape):
    """The .npy at `path` as an MLIR constant: the weights of a model."""
    import numpy
    data = numpy.load(path)
    if data.dtype != numpy.float32 or data.shape != shape:
        sys.exit(f"error: {path}: expected float32 {shape}, got {data.dtype} {data.shape}")
    hex_data = numpy.ascontiguousarray(data).astype("<f4").tobytes().hex().upper()
    dims = "x".join(str(d) for d in shape)
    return f'  %{name} = arith.constant dense<"0x{hex_data}"> : tensor<{dims}xf32>\n'


def matmul_module(m, n, k, weights=None):
    """M x K times K x N + bias + ReLU; B an argument, or with `weights` (a
    .npy file) a constant, as a model's weights are."""
    if weights:
        arguments = f"%a: tensor<{m}x{k}xf32>, %bias: tensor<{n}xf32>"
        constant = weights_constant(weights, "b", (k, n))
    else:
        arguments = f"%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>, %bias: tensor<{n}xf32>"
        constant = ""
    return f"""func.func @main({arguments}) -> tensor<{m}x{n}xf32> {{
{constant}  %init = tensor.empty() : tensor<{m}x{n}xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) bias(%bias : tensor<{n}xf32>) outs(%init : tensor<{m}x{n}xf32>) accumulate(f32) {{
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  }} -> tensor<{m}x{n}xf32>
  return %r : tensor<{m}x{n}xf32>
}}
"""


def conv_module():
    return """func.func @main(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>, %bias: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %init = tensor.empty() : tensor<1x56x56x64xf32>
  %r = act.fused_conv2d ins(%padded, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) bias(%bias : tensor<64xf32>) outs(%init : tensor<1x56x56x64xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<1x56x56x64xf32>
  return %r : tensor<1x56x56x64xf32>
}
"""


def chain_module(elements):
    t = f"tensor<{elements}xf32>"
    return f"""func.func @main(%x: {t}) -> {t} {{
  %0 = act.relu %x : {t}
  %1 = act.gelu %0 : {t}
  %2 = act.clip %1 {{min = 0.0 : f64, max = 6.0 : f64}} : {t}
  return %2 : {t}
}}
"""


class Bench:
    def __init__(self, args):
        self.bin = os.path.join(args.build, "bin")
        self.reps = args.reps
        self.work = tempfile.mkdtemp(prefix="act-bench-")
        self.rows = []

    def tool(self, name):
        return os.path.join(self.bin, name)

    def act(self, name, module, inputs, threads, reference=None, rtol=1e-4, atol=1e-4,
            options="contract=true", max_ulp=None):
        """Lowers `module` with act-lower-to-cpu{options threads=N} and runs
        it; checks its output against `reference` (within rtol/atol, or
        within max_ulp ulps); returns median ms."""
        directory = os.path.join(self.work, f"{name}-t{threads}")
        os.makedirs(directory, exist_ok=True)
        source = os.path.join(directory, "module.mlir")
        with open(source, "w") as f:
            f.write(module)
        lowered = os.path.join(directory, "lowered.mlir")
        run([self.tool("act-opt"), source,
             f"--act-lower-to-cpu={options} threads={threads}", "-o", lowered])
        command = [self.tool("act-run"), lowered] + [f"--input={i}" for i in inputs]
        run(command + ["--output-dir=" + directory])
        if reference:
            tolerance = ([f"--max-ulp={max_ulp}"] if max_ulp is not None
                         else [f"--rtol={rtol}", f"--atol={atol}"])
            run([self.tool("act-numerics"), "compare", reference,
                 os.path.join(directory, "out0.npy")] + tolerance)
        out = run(command + [f"--bench={self.reps}"])
        return median_ms(out, "bench:")

    def baseline(self, arguments, threads, directory=None):
        command = [self.tool("act-bench-baseline")] + arguments + [
            f"--threads={threads}", f"--reps={self.reps}"]
        if directory:
            command.append(f"--dir={directory}")
        return run(command)

    def record(self, workload, threads, unit, amount, act_ms, baselines):
        act_rate = amount / act_ms / 1e6  # GFLOP/s or GB/s
        rates = {name: amount / ms / 1e6 for name, ms in baselines.items()}
        best_name = max(rates, key=rates.get)
        ratio = act_rate / rates[best_name]
        self.rows.append({
            "workload": workload, "threads": threads, "unit": unit,
            "act_ms": f"{act_ms:.4f}", "act_rate": f"{act_rate:.2f}",
            **{f"{name}_rate": f"{rate:.2f}" for name, rate in rates.items()},
            "best_baseline": best_name, "ratio_to_best": f"{ratio:.3f}",
        })
        others = ", ".join(f"{name} {rate:.1f}" for name, rate in rates.items())
        print(f"{workload:>22} threads={threads}: act-mlir {act_rate:8.1f} {unit} "
              f"({act_ms:.3f} ms) | {others} | {ratio:.2f}x {best_name}", flush=True)

    def matmul(self, m, n, k, threads):
        directory = os.path.join(self.work, f"mm-{m}x{n}x{k}-t{threads}-inputs")
        os.makedirs(directory, exist_ok=True)
        out = self.baseline(["matmul", str(m), str(n), str(k)], threads, directory)
        baselines = {"onednn": median_ms(out, "baseline onednn"),
                     "openblas": median_ms(out, r"baseline openblas\+epilogue")}
        # B is the weights: a constant of the module (packed into panels at
        # compile time), as oneDNN's weights are reordered to its layout
        # outside the timing.
        inputs = [os.path.join(directory, f) for f in ("a.npy", "bias.npy")]
        module = matmul_module(m, n, k, weights=os.path.join(directory, "b.npy"))
        # FMA against BLAS's own summation order: a few ulp of sum |a_k b_k|,
        # which is about sqrt(K) for inputs in [-1, 1).
        tolerance = 1e-5 * k ** 0.5
        act_ms = self.act(f"mm-{m}x{n}x{k}", module, inputs, threads,
                          os.path.join(directory, "reference.npy"), tolerance, tolerance)
        self.record(f"matmul {m}x{n}x{k}", threads, "GFLOP/s", 2.0 * m * n * k,
                    act_ms, baselines)
        if m == 1:
            # A GEMV streams the weights once: its bar is the copy bandwidth.
            weight_bytes = 4.0 * k * n
            out = self.baseline(["copy", str(int(weight_bytes))], threads)
            copy = {"memcpy": median_ms(out, "baseline memcpy")}
            # memcpy moves the bytes twice (read and write), the GEMV once.
            self.record(f"gemv {n}x{k} weights", threads, "GB/s", weight_bytes,
                        act_ms, {"memcpy": copy["memcpy"] / 2})

    def conv(self, threads):
        directory = os.path.join(self.work, f"conv-t{threads}-inputs")
        os.makedirs(directory, exist_ok=True)
        out = self.baseline(["conv"], threads, directory)
        baselines = {"onednn": median_ms(out, "baseline onednn")}
        inputs = [os.path.join(directory, f) for f in ("x.npy", "filter.npy", "bias.npy")]
        act_ms = self.act("conv", conv_module(), inputs, threads,
                          os.path.join(directory, "reference.npy"), 1e-4, 1e-4)
        flops = 2.0 * 56 * 56 * 64 * 64 * 9
        self.record("conv 56x56x64 3x3", threads, "GFLOP/s", flops, act_ms, baselines)

    def chain(self, threads):
        directory = os.path.join(self.work, f"chain-t{threads}-inputs")
        os.makedirs(directory, exist_ok=True)
        bytes_moved = 2.0 * 4 * CHAIN_ELEMENTS  # read once, write once
        out = self.baseline(["copy", str(4 * CHAIN_ELEMENTS)], threads, directory)
        baselines = {"memcpy": median_ms(out, "baseline memcpy")}
        inputs_file = os.path.join(directory, "x.npy")
        module = chain_module(CHAIN_ELEMENTS)
        # The reference: the accurate (default) lowering, which is the
        # scalar reference itself in f32 (0 ulp, docs/semantics.md).
        source = os.path.join(directory, "chain.mlir")
        with open(source, "w") as f:
            f.write(module)
        run([self.tool("act-run"), source, f"--input={inputs_file}",
             "--output-dir=" + directory])
        # The fast path (vectorized, polynomial approximations: 2 ulp on this
        # chain), writing into a caller-allocated result as a caller reusing
        # its buffers does (results-to-out-params; act-run --bench then
        # reuses the buffer across calls instead of allocating 64 MiB each).
        act_ms = self.act("chain", module, [inputs_file], threads,
                          os.path.join(directory, "out0.npy"),
                          options="fast-math=true results-to-out-params=true", max_ulp=2)
        self.record("relu-gelu-clip 64MiB", threads, "GB/s", bytes_moved, act_ms, baselines)

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        fields = sorted({key for row in self.rows for key in row},
                        key=lambda f: list(self.rows[0]).index(f) if f in self.rows[0] else 99)
        csv_path = os.path.join(out, "bench-results.csv")
        with open(csv_path, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(self.rows)
        print(f"wrote {csv_path}")
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            print("matplotlib not installed: no plot")
            return
        labels = [f"{r['workload']}\n{r['threads']}t" for r in self.rows]
        ratios = [float(r["ratio_to_best"]) for r in self.rows]
        fig, ax = plt.subplots(figsize=(max(8, len(labels) * 0.7), 4.5))
        ax.bar(range(len(labels)), ratios, color="tab:blue")
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.axhline(0.8, color="tab:red", linewidth=0.8, linestyle="--")
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=7)
        ax.set_ylabel("act-mlir / best baseline (same run)")
        ax.set_title("act-mlir vs oneDNN / OpenBLAS / memcpy")
        fig.tight_layout()
        png = os.path.join(out, "bench-results.png")
        fig.savefig(png, dpi=120)
        print(f"wrote {png}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--quick", action="store_true", help="matmuls only")
    parser.add_argument("--only", choices=["matmul", "chain", "conv"],
                        help="run one kind of workload only")
    parser.add_argument("--out", default=".")
    args = parser.parse_args()
    bench = Bench(args)
    if not os.path.exists(bench.tool("act-bench-baseline")):
        sys.exit("error: act-bench-baseline was not built (needs libdnnl-dev and libopenblas-dev)")
    for threads in [int(t) for t in args.threads.split(",")]:
        if args.only in (None, "matmul"):
            for m, n, k in MATMULS:
                bench.matmul(m, n, k, threads)
        if not args.quick and args.only in (None, "chain"):
            bench.chain(threads)
        if not args.quick and args.only in (None, "conv"):
            bench.conv(threads)
    bench.write(args.out)


if __name__ == "__main__":
    main()
