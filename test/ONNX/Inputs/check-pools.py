"""Reference for test/ONNX/import-misc.test: pools.onnx (MaxPool and
AveragePool 3x3, stride 2, pads 1, count_include_pad 0; GlobalAveragePool)
in NumPy.

  check-pools.py input X.npy
  check-pools.py check X.npy OUT_DIR
"""
import sys

import numpy as np

if sys.argv[1] == "input":
    rng = np.random.default_rng(5)
    np.save(sys.argv[2], rng.uniform(-4, 4, (1, 2, 6, 6)).astype(np.float32))
    sys.exit(0)

x = np.load(sys.argv[2]).astype(np.float64)
out = sys.argv[3]
maximum = np.full((1, 2, 3, 3), -np.inf)
total = np.zeros((1, 2, 3, 3))
count = np.zeros((3, 3))
for oh in range(3):
    for ow in range(3):
        h0, w0 = oh * 2 - 1, ow * 2 - 1
        window = x[:, :, max(h0, 0):h0 + 3, max(w0, 0):w0 + 3]
        maximum[:, :, oh, ow] = window.max(axis=(2, 3))
        total[:, :, oh, ow] = window.sum(axis=(2, 3))
        count[oh, ow] = window.shape[2] * window.shape[3]
want = [maximum, total / count, x.mean(axis=(2, 3), keepdims=True)]
failed = False
for index, name in enumerate(["maxpool", "avgpool", "gap"]):
    got = np.load("%s/out%d.npy" % (out, index)).astype(np.float64)
    error = float(np.max(np.abs(got - want[index])))
    if name == "maxpool":
        ok = error == 0
        print("maxpool: " + ("exact" if ok else "error %g" % error))
    else:
        ok = error <= 1e-6
        print("%s: max abs error %.3g %s" % (name, error, "ok" if ok else "FAILED"))
    failed |= not ok
sys.exit(1 if failed else 0)
