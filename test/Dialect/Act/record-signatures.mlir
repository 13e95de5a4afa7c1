// RUN: act-opt %s --act-record-signatures | FileCheck %s
// RUN: act-opt %s --verify-diagnostics --act-lower-to-cpu | FileCheck %s --check-prefix=LOWERED

// Public functions with a body get their type recorded; private ones,
// declarations and functions that already carry one are left alone.
// CHECK-LABEL: func.func @public_fn
// CHECK-SAME: attributes {act.signature = (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>}
func.func @public_fn(%x: tensor<?x8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  return %x : tensor<?x8xf32>
}
// CHECK-LABEL: func.func private @private_fn
// CHECK-NOT: act.signature
// CHECK-SAME: {
func.func private @private_fn(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// CHECK-LABEL: func.func private @declared(tensor<4xf32>) -> tensor<4xf32>{{$}}
func.func private @declared(%x: tensor<4xf32>) -> tensor<4xf32>
// CHECK-LABEL: func.func @kept
// CHECK-SAME: attributes {act.signature = (tensor<2xf64>) -> tensor<2xf64>}
func.func @kept(%x: tensor<4xf32>) -> tensor<4xf32> attributes {act.signature = (tensor<2xf64>) -> tensor<2xf64>} {
  return %x : tensor<4xf32>
}

// The attribute survives the lowering to llvm.func. (Bad act.signature
// attributes are rejected by the verifier: see invalid.mlir.)
// LOWERED-LABEL: llvm.func @public_fn
// LOWERED-SAME: act.signature = (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
