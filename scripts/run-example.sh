#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the
# bundled example, an MLP-like graph of act ops (examples/mlp.mlir): print
# it canonicalized, then lowered to the LLVM dialect by act-lower-to-cpu.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ACT_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"

ACT_OPT="$BUILD/bin/act-opt"
EXAMPLE="$ROOT/examples/mlp.mlir"

echo "== act-opt --canonicalize examples/mlp.mlir"
"$ACT_OPT" --canonicalize "$EXAMPLE"
echo
echo "== act-opt --act-lower-to-cpu examples/mlp.mlir"
"$ACT_OPT" --act-lower-to-cpu "$EXAMPLE"
