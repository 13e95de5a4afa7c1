"""Reference for test/ONNX/import-activations.test: ONNX's Gelu (both
forms) and Mish computed in float64 with the math module.

  check-newer-activations.py input X.npy
  check-newer-activations.py check X.npy OUT_DIR
"""
import math
import sys

import numpy as np

BOUND = 1e-6


def gelu(x):
    return 0.5 * x * (1 + math.erf(x / math.sqrt(2)))


def gelu_tanh(x):
    return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def mish(x):
    return x * math.tanh(math.log1p(math.exp(x)))


if sys.argv[1] == "input":
    np.save(sys.argv[2], np.array([-3.0, -0.5, 0.25, 2.0], np.float32))
    sys.exit(0)
x = np.load(sys.argv[2]).astype(np.float64)
failed = False
for index, (name, f) in enumerate([("gelu", gelu), ("gelu_tanh", gelu_tanh),
                                   ("mish", mish)]):
    got = np.load("%s/out%d.npy" % (sys.argv[3], index)).astype(np.float64)
    want = np.array([f(v) for v in x])
    error = float(np.max(np.abs(got - want) / np.abs(want)))
    print("%s: max relative error %.3g (bound %g)" % (name, error, BOUND))
    failed |= error > BOUND
print("FAILED" if failed else "ok")
sys.exit(1 if failed else 0)
