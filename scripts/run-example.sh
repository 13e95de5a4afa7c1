#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the
# bundled example, an MLP-like graph of act ops (examples/mlp.mlir): print
# it canonicalized and fused (with the fusion report), lowered to the LLVM
# dialect by act-lower-to-cpu, then run it end to end with act-run on a
# seeded random input.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ACT_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"

ACT_OPT="$BUILD/bin/act-opt"
ACT_RUN="$BUILD/bin/act-run"
EXAMPLE="$ROOT/examples/mlp.mlir"

echo "== act-opt --canonicalize --act-fuse=report=true examples/mlp.mlir"
"$ACT_OPT" --canonicalize --act-fuse=report=true \
  --mlir-print-op-on-diagnostic=false "$EXAMPLE"
echo
echo "== act-opt --act-lower-to-cpu examples/mlp.mlir"
"$ACT_OPT" --act-lower-to-cpu "$EXAMPLE"
echo
echo "== act-run examples/mlp.mlir --random-inputs --seed=1 --print"
"$ACT_RUN" "$EXAMPLE" --random-inputs --seed=1 --print
