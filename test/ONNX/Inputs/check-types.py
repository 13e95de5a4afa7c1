"""Reference for test/ONNX/import-types.test: the same network (same
weights) in f16, f32 and f64 on the same input.

  check-types.py input DIR      writes DIR/x-f16.npy, x-f32.npy, x-f64.npy
  check-types.py check DIR      compares DIR/{f16,f64}/out0.npy with DIR/f32/out0.npy
"""
import os
import sys

import numpy as np

directory = sys.argv[2]
if sys.argv[1] == "input":
    x = np.random.default_rng(9).uniform(-1, 1, (1, 3, 8, 8))
    for name, dtype in [("f16", np.float16), ("f32", np.float32),
                        ("f64", np.float64)]:
        np.save(os.path.join(directory, "x-%s.npy" % name),
                x.astype(np.float16).astype(dtype))
    sys.exit(0)
reference = np.load(os.path.join(directory, "f32", "out0.npy")).astype(np.float64)
failed = False
for name, bound in [("f64", 1e-6), ("f16", 1e-2)]:
    got = np.load(os.path.join(directory, name, "out0.npy"))
    error = float(np.max(np.abs(got.astype(np.float64) - reference)))
    ok = error <= bound
    print("%s (%s): max abs difference to f32 %.3g, bound %g: %s" %
          (name, got.dtype, error, bound, "ok" if ok else "FAILED"))
    failed |= not ok
sys.exit(1 if failed else 0)
