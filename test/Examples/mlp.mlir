// RUN: act-opt %act_src_root/examples/mlp.mlir --canonicalize | FileCheck %s
// RUN: act-opt %act_src_root/examples/mlp.mlir --act-lower-to-cpu | FileCheck %s --check-prefix=LOWERED
// RUN: act-run %act_src_root/examples/mlp.mlir --random-inputs --seed=1 --print | FileCheck %s --check-prefix=EXEC
// The canonicalized graph computes the same numbers as the original one.
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %act_src_root/examples/mlp.mlir --random-inputs --seed=1 --output-dir=%t/original
// RUN: act-opt %act_src_root/examples/mlp.mlir --canonicalize | act-run - --random-inputs --seed=1 --output-dir=%t/canonical
// RUN: act-numerics compare %t/original/out0.npy %t/canonical/out0.npy | FileCheck %s --check-prefix=SAME
// Fused: each layer is one act.fused_matmul, with the same numbers.
// RUN: act-opt %act_src_root/examples/mlp.mlir --canonicalize --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: act-opt %act_src_root/examples/mlp.mlir --canonicalize --act-fuse | act-run - --random-inputs --seed=1 --output-dir=%t/fused
// RUN: act-numerics compare %t/original/out0.npy %t/fused/out0.npy | FileCheck %s --check-prefix=SAME

// The bundled example (the README's first command): exporter noise around
// the activations canonicalizes away.

// Layer 1: clip(0, 6) -> clip(0, +inf) -> relu is one relu6.
// CHECK-LABEL: func @mlp
// CHECK: %[[Z1:.*]] = arith.addf
// CHECK-NEXT: %[[H:.*]] = act.clip %[[Z1]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<4x4xf32>
// CHECK-NOT: act.clip
// CHECK: linalg.matmul ins(%[[H]],
// Layer 2: gelu -> leaky_relu(alpha 0) -> relu -> sigmoid keeps one relu.
// CHECK: %[[Z2:.*]] = arith.addf
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[Z2]] : tensor<4x2xf32>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[G]] : tensor<4x2xf32>
// CHECK-NEXT: %[[Y:.*]] = act.sigmoid %[[R]] : tensor<4x2xf32>
// CHECK-NEXT: return %[[Y]]

// LOWERED-NOT: act.
// LOWERED-DAG: llvm.func @erfc(f64) -> f64
// LOWERED-DAG: llvm.func @exp(f64) -> f64
// LOWERED: llvm.func @mlp(
// LOWERED: llvm.return

// The README's main job, end to end: the graph run on a seeded random input.
// Rows 2-4 of layer 2 go negative, so relu makes them 0 and sigmoid 0.5.
// EXEC: out0: tensor<4x2xf32> shape=(4, 2) dtype=float32
// EXEC-NEXT: {{\[\[}}0.8255792, 0.88857824],
// EXEC-NEXT: [0.7540714, 0.5],
// EXEC-NEXT: [0.87637013, 0.5],
// EXEC-NEXT: [0.86862767, 0.5]]

// FUSED-LABEL: func @mlp
// FUSED-NOT: linalg.broadcast
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x4xf32>) bias(%{{.*}} : tensor<4xf32>)
// FUSED: act.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x4xf32>, tensor<4x2xf32>) bias(%{{.*}} : tensor<2xf32>)
// FUSED: act.gelu
// FUSED: act.relu
// FUSED: act.sigmoid
// FUSED-NOT: linalg.matmul

// SAME: compare (float32): 8 values, max error 0 ulp (bound 0), 0 over bound
