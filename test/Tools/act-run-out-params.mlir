// act-run calls code lowered with act-lower-to-cpu{results-to-out-params}:
// the lowered function takes its results as trailing descriptors and
// returns nothing; act-run allocates them, and prints what it prints for the
// default convention. --bench reuses the same result buffers across calls.

// RUN: act-run %s --random-inputs --seed=3 --print | FileCheck %s --match-full-lines
// RUN: act-opt %s --act-lower-to-cpu=results-to-out-params=true | act-run - --random-inputs --seed=3 --print | FileCheck %s --match-full-lines
// RUN: act-opt %s --act-lower-to-cpu="results-to-out-params=true threads=2" | act-run - --random-inputs --seed=3 --print --bench=3 | FileCheck %s --match-full-lines --check-prefixes=CHECK,BENCH
// RUN: act-opt %s --act-lower-to-cpu=results-to-out-params=true | FileCheck %s --check-prefix=LOWERED

// CHECK-LABEL: out0: tensor<2x3xf32> shape=(2, 3) dtype=float32
// CHECK-NEXT: {{\[\[}}0.4701279, -0.5, 0.72193015],
// CHECK-NEXT:  [-0.30726218, 0.4783651, -0.27739462]]
// CHECK-NEXT: out1: tensor<3xi32> shape=(3,) dtype=int32
// CHECK-NEXT: [96, -32, 82]
// BENCH-NEXT: compile: lower_ms=0.000 jit_ms={{[0-9.]+}}
// BENCH-NEXT: bench: median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} max_ms={{[0-9.]+}} iters=3 cpu_median_ms={{[0-9.]+}}
// CHECK-NOT: {{.}}

// The results are the last two descriptors (5 + 3 fields), nothing returned.
// LOWERED-LABEL: llvm.func @main(
// LOWERED-SAME: %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)
// LOWERED-SAME: attributes {act.signature = (tensor<2x3xf32>, tensor<3xi32>) -> (tensor<2x3xf32>, tensor<3xi32>)}
// LOWERED-NOT: llvm.return %
func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xi32>) -> (tensor<2x3xf32>, tensor<3xi32>) {
  %y = act.leaky_relu %x {alpha = 0.25 : f64} : tensor<2x3xf32>
  %z = act.clip %y {min = -0.5 : f64, max = 2.0 : f64} : tensor<2x3xf32>
  %c = arith.addi %b, %b : tensor<3xi32>
  return %z, %c : tensor<2x3xf32>, tensor<3xi32>
}
