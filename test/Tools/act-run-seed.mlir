// act-run --random-inputs: a seed gives the same inputs every time, another
// seed other inputs; --seed without --random-inputs is an error.

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --random-inputs --seed=1 --output-dir=%t/s1a
// RUN: act-run %s --random-inputs --seed=1 --output-dir=%t/s1b
// RUN: act-run %s --random-inputs --seed=2 --output-dir=%t/s2
// RUN: act-run %s --random-inputs --output-dir=%t/default
// RUN: act-run %s --random-inputs --seed=0 --output-dir=%t/s0

// The same seed: bit-identical f32 and bf16 values, identical i64 files.
// RUN: act-numerics compare %t/s1a/out0.npy %t/s1b/out0.npy | FileCheck %s --match-full-lines --check-prefix=SAME-F32
// RUN: act-numerics compare %t/s1a/out2.npy %t/s1b/out2.npy | FileCheck %s --match-full-lines --check-prefix=SAME-BF16
// RUN: cmp %t/s1a/out1.npy %t/s1b/out1.npy
// SAME-F32: compare (float32): 64 values, max error 0 ulp (bound 0), 0 over bound
// SAME-BF16: compare (bfloat16): 16 values, max error 0 ulp (bound 0), 0 over bound

// Another seed: (almost) every value differs.
// RUN: not act-numerics compare %t/s1a/out0.npy %t/s2/out0.npy | FileCheck %s --check-prefix=DIFF-F32
// RUN: not act-numerics compare %t/s1a/out2.npy %t/s2/out2.npy | FileCheck %s --check-prefix=DIFF-BF16
// RUN: not cmp -s %t/s1a/out1.npy %t/s2/out1.npy
// DIFF-F32: compare (float32): 64 values, max error {{[1-9][0-9]*}} ulp (bound 0), {{6[0-4]}} over bound
// DIFF-BF16: compare (bfloat16): 16 values, max error {{[1-9][0-9]*}} ulp (bound 0), {{1[0-6]}} over bound

// No --seed is --seed=0.
// RUN: act-numerics compare %t/default/out0.npy %t/s0/out0.npy | FileCheck %s --match-full-lines --check-prefix=SAME-F32
// RUN: cmp %t/default/out1.npy %t/s0/out1.npy
// RUN: not act-numerics compare %t/default/out0.npy %t/s1a/out0.npy

// Values: floats in [-4, 4], integers in [-100, 100].
// RUN: act-run %s --random-inputs --seed=1 --print | FileCheck %s --match-full-lines --check-prefix=RANGE
// RANGE: out0: tensor<8x8xf32> shape=(8, 8) dtype=float32
// RANGE-NEXT: {{\[\[(-?[0-3](\.[0-9]+)?(e-[0-9]+)?, ){7}-?[0-3](\.[0-9]+)?(e-[0-9]+)?\],}}
// RANGE: out1: tensor<16xi64> shape=(16,) dtype=int64
// RANGE-NEXT: {{\[(-?([0-9]|[1-9][0-9]|100), ){15}-?([0-9]|[1-9][0-9]|100)\]}}
// RANGE-NEXT: out2: tensor<4x4xbf16> shape=(4, 4) dtype=bfloat16

// --seed without --random-inputs, even --seed=0, is refused before anything runs.
// RUN: not act-run %s --seed=1 --output-dir=%t/refused 2>&1 | FileCheck %s --match-full-lines --check-prefix=NO-RANDOM
// RUN: not act-run %s --seed=0 2>&1 | FileCheck %s --match-full-lines --check-prefix=NO-RANDOM
// RUN: not ls %t/refused
// NO-RANDOM: error: --seed needs --random-inputs
// NO-RANDOM-NOT: {{.}}
func.func @main(%x: tensor<8x8xf32>, %n: tensor<16xi64>, %h: tensor<4x4xbf16>) -> (tensor<8x8xf32>, tensor<16xi64>, tensor<4x4xbf16>) {
  return %x, %n, %h : tensor<8x8xf32>, tensor<16xi64>, tensor<4x4xbf16>
}
