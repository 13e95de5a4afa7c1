// RUN: act-opt %act_src_root/examples/mlp.mlir --canonicalize | FileCheck %s
// RUN: act-opt %act_src_root/examples/mlp.mlir --act-lower-to-cpu | FileCheck %s --check-prefix=LOWERED

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
