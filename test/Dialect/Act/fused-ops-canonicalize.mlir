// RUN: act-opt %s --split-input-file --canonicalize | FileCheck %s

// Canonicalizations of the fused contractions: unused epilogue operands are
// dropped, an operand passed twice becomes one argument, a transpose of the
// two innermost dimensions of a matmul operand becomes a transpose flag, and
// the epilogue's own ops canonicalize as anywhere else.

// CHECK-LABEL: func @unused_and_duplicate_operands
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x5xf32>, %[[BIAS:.*]]: tensor<5xf32>, %[[X:.*]]: tensor<4x5xf32>)
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x5xf32>) operands(%[[X]] : tensor<4x5xf32>) outs(%{{.*}} : tensor<4x5xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[XE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[XE]] : f32
// CHECK-NEXT:   %[[T:.*]] = arith.mulf %[[S]], %[[XE]] : f32
// CHECK-NEXT:   %[[U:.*]] = act.relu %[[T]] : f32
// CHECK-NEXT:   act.yield %[[U]] : f32
func.func @unused_and_duplicate_operands(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %bias: tensor<5xf32>, %x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %init = tensor.empty() : tensor<4x5xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) bias(%bias : tensor<5xf32>) operands(%x, %x : tensor<4x5xf32>, tensor<4x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32, %x0: f32, %x1: f32):
    %s = arith.addf %acc, %x0 : f32
    %t = arith.mulf %s, %x1 : f32
    %u = act.relu %t : f32
    %v = act.relu %u : f32
    act.yield %v : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: func @used_operands_kept
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x5xf32>) bias(%{{.*}} : tensor<5xf32>) operands(%{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<4x1xf32>)
func.func @used_operands_kept(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %bias: tensor<5xf32>, %x: tensor<4x5xf32>, %y: tensor<4x1xf32>) -> tensor<4x5xf32> {
  %init = tensor.empty() : tensor<4x5xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) bias(%bias : tensor<5xf32>) operands(%x, %y : tensor<4x5xf32>, tensor<4x1xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32, %x0: f32, %y0: f32):
    %s = arith.addf %acc, %be : f32
    %t = arith.mulf %s, %x0 : f32
    %u = arith.addf %t, %y0 : f32
    act.yield %u : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: func @absorb_transposes
// CHECK-SAME: (%[[A:.*]]: tensor<8x4xf32>, %[[B:.*]]: tensor<2x5x8xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<8x4xf32>, tensor<2x5x8xf32>) transpose_a transpose_b outs
func.func @absorb_transposes(%a: tensor<8x4xf32>, %b: tensor<2x5x8xf32>) -> tensor<2x4x5xf32> {
  %ea = tensor.empty() : tensor<4x8xf32>
  %at = linalg.transpose ins(%a : tensor<8x4xf32>) outs(%ea : tensor<4x8xf32>) permutation = [1, 0]
  %eb = tensor.empty() : tensor<2x8x5xf32>
  %bt = linalg.transpose ins(%b : tensor<2x5x8xf32>) outs(%eb : tensor<2x8x5xf32>) permutation = [0, 2, 1]
  %init = tensor.empty() : tensor<2x4x5xf32>
  %r = act.fused_matmul ins(%at, %bt : tensor<4x8xf32>, tensor<2x8x5xf32>) outs(%init : tensor<2x4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<2x4x5xf32>
  return %r : tensor<2x4x5xf32>
}

// -----

// A transpose flag that is already set flips back.
// CHECK-LABEL: func @transpose_of_transposed
// CHECK-NOT: linalg.transpose
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x5xf32>) outs
func.func @transpose_of_transposed(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %ea = tensor.empty() : tensor<8x4xf32>
  %at = linalg.transpose ins(%a : tensor<4x8xf32>) outs(%ea : tensor<8x4xf32>) permutation = [1, 0]
  %init = tensor.empty() : tensor<4x5xf32>
  %r = act.fused_matmul ins(%at, %b : tensor<8x4xf32>, tensor<8x5xf32>) transpose_a outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

// Negative: a transpose that moves a batch dimension is not a matmul
// transpose.
// CHECK-LABEL: func @batch_transpose_kept
// CHECK: %[[T:.*]] = linalg.transpose
// CHECK: act.fused_matmul ins(%[[T]], %{{.*}} : tensor<2x4x8xf32>, tensor<8x5xf32>) outs
func.func @batch_transpose_kept(%a: tensor<4x2x8xf32>, %b: tensor<8x5xf32>) -> tensor<2x4x5xf32> {
  %ea = tensor.empty() : tensor<2x4x8xf32>
  %at = linalg.transpose ins(%a : tensor<4x2x8xf32>) outs(%ea : tensor<2x4x8xf32>) permutation = [1, 0, 2]
  %init = tensor.empty() : tensor<2x4x5xf32>
  %r = act.fused_matmul ins(%at, %b : tensor<2x4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<2x4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<2x4x5xf32>
  return %r : tensor<2x4x5xf32>
}

// -----

// Dead fused ops go away (they have no side effects).
// CHECK-LABEL: func @dead
// CHECK-NEXT: return
func.func @dead(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  %init = tensor.empty() : tensor<4x5xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return
}
