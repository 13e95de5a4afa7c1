#!/usr/bin/env bash
# Set-up step shared by the README's two commands: installs the Debian
# packages that are missing, configures (once) and builds act-mlir.
# Idempotent: with everything installed and built it takes a few seconds.
#
#   ACT_BUILD_DIR   build directory (default: <repo>/build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ACT_BUILD_DIR:-$ROOT/build}"

PACKAGES=(
  # LLVM/MLIR 22, linked as the shared libMLIR.so / libLLVM.so
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
  # OpenMP runtime for act-lower-to-cpu{threads=N} / act-run --threads
  libomp-22-dev
  # build
  cmake ninja-build g++ python3
  # tests
  libgtest-dev
  # ONNX import (act-import-onnx, act-run on .onnx): the C++ library and its
  # protobuf; the ONNX backend node tests and the Python onnx/numpy that the
  # test suite and scripts/gen-onnx-*.py use (Debian's /usr/bin/python3)
  libonnx-dev libonnx1 libprotobuf-dev protobuf-compiler
  libonnx-testdata python3-onnx python3-numpy
  # benchmark baselines (bench/): oneDNN, OpenBLAS, and the plot
  libdnnl-dev libopenblas-dev python3-matplotlib
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$BUILD/build.ninja" ]; then
  mkdir -p "$BUILD"
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DCMAKE_BUILD_TYPE=Release >"$BUILD/configure.log" 2>&1 || {
    cat "$BUILD/configure.log"
    exit 1
  }
fi
cmake --build "$BUILD" -j2
