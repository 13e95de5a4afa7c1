// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 pack=false" --canonicalize --cse | FileCheck %s
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 contract=false pack=false" --canonicalize --cse | FileCheck %s --check-prefix=EXACT
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16" --canonicalize --cse | FileCheck %s --check-prefix=PACKED
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=4" --canonicalize --cse | FileCheck %s --check-prefix=CONST
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 block-bytes=384" --canonicalize --cse | FileCheck %s --check-prefix=BLOCKED
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 tile-k=5" --canonicalize --cse | FileCheck %s --check-prefix=REDUCTION
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 threads=2" --canonicalize --cse | FileCheck %s --check-prefix=THREADS
// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=2 tile-n=16 threads=2 block-bytes=384" --canonicalize --cse | FileCheck %s --check-prefix=THREADS-BLOCKED
// RUN: act-opt %s --split-input-file --act-lower-to-cpu=contract=true | FileCheck %s --check-prefix=LLVM
// RUN: act-opt %s --split-input-file --act-lower-to-cpu=target=avx512 | FileCheck %s --check-prefix=LLVM-EXACT

// The register-tiled kernel: an scf.forall over 2x16 tiles; in each, the
// two accumulator vectors live across the reduction loop (marked
// act.register_tile), each step loads one row of B and does one
// broadcast-FMA per accumulator row; the epilogue (bias add, relu) runs on
// the accumulator vectors after the loop, and each row is stored once.

// CHECK-LABEL: func @kernel
// CHECK-SAME: (%[[A:.*]]: tensor<20x12xf32>, %[[B:.*]]: tensor<12x40xf32>, %[[BIAS:.*]]: tensor<40xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: scf.forall (%[[I:.*]], %[[J:.*]]) = (0, 0) to (20, 40) step (2, 16) shared_outs(%[[OUT:.*]] = %{{.*}})
// CHECK: %[[AS:.*]] = tensor.extract_slice %[[A]][%[[I]], 0] [2, 12] [1, 1]
// CHECK: %[[BS:.*]] = tensor.extract_slice %[[B]][0, %[[J]]] [12, %{{.*}}] [1, 1] : tensor<12x40xf32> to tensor<12x?xf32>
// CHECK: %[[BIASS:.*]] = tensor.extract_slice %[[BIAS]][%[[J]]]
// CHECK: %[[OS:.*]] = tensor.extract_slice %[[OUT]][%[[I]], %[[J]]]
// CHECK: %[[ACC:.*]]:2 = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC0:.*]] = %[[ZERO]], %[[ACC1:.*]] = %[[ZERO]]) -> (vector<16xf32>, vector<16xf32>) {
// CHECK-NEXT: %[[ROW:.*]] = vector.transfer_read %[[BS]][%[[K]], %{{.*}}], %{{.*}} : tensor<12x?xf32>, vector<16xf32>
// CHECK-NEXT: %[[A0:.*]] = tensor.extract %[[AS]][%{{.*}}, %[[K]]] : tensor<2x12xf32>
// CHECK-NEXT: %[[S0:.*]] = vector.broadcast %[[A0]] : f32 to vector<16xf32>
// CHECK-NEXT: %[[F0:.*]] = vector.fma %[[S0]], %[[ROW]], %[[ACC0]] : vector<16xf32>
// CHECK-NEXT: %[[A1:.*]] = tensor.extract %[[AS]][%{{.*}}, %[[K]]] : tensor<2x12xf32>
// CHECK-NEXT: %[[S1:.*]] = vector.broadcast %[[A1]] : f32 to vector<16xf32>
// CHECK-NEXT: %[[F1:.*]] = vector.fma %[[S1]], %[[ROW]], %[[ACC1]] : vector<16xf32>
// CHECK-NEXT: scf.yield %[[F0]], %[[F1]]
// CHECK-NEXT: } {act.register_tile = array<i64: 2, 16>}
// CHECK-NEXT: %[[BV:.*]] = vector.transfer_read %[[BIASS]][%{{.*}}], %{{.*}} : tensor<?xf32>, vector<16xf32>
// CHECK-NEXT: %[[E0:.*]] = arith.addf %[[ACC]]#0, %[[BV]] : vector<16xf32>
// CHECK-NEXT: %[[R0:.*]] = act.relu %[[E0]] : vector<16xf32>
// CHECK-NEXT: %[[E1:.*]] = arith.addf %[[ACC]]#1, %[[BV]] : vector<16xf32>
// CHECK-NEXT: %[[R1:.*]] = act.relu %[[E1]] : vector<16xf32>
// CHECK-NEXT: %[[W0:.*]] = vector.transfer_write %[[R0]], %[[OS]][%{{.*}}, %{{.*}}] : vector<16xf32>, tensor<2x?xf32>
// CHECK-NEXT: %[[W1:.*]] = vector.transfer_write %[[R1]], %[[W0]][%{{.*}}, %{{.*}}] : vector<16xf32>, tensor<2x?xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: tensor.parallel_insert_slice %[[W1]] into %[[OUT]]

// Packed: B becomes 3 panels of 12x16 before the tiles, one vector copy per
// panel row (zero past column 40, in the last panel); the column tiles then
// iterate outside the row tiles, and each step's row of B is one in-bounds
// load from the tile's panel.
// PACKED-LABEL: func @kernel
// PACKED-SAME: (%[[A:.*]]: tensor<20x12xf32>, %[[B:.*]]: tensor<12x40xf32>, %[[BIAS:.*]]: tensor<40xf32>)
// PACKED: %[[EMPTY:.*]] = tensor.empty() : tensor<3x12x16xf32>
// PACKED: %[[PANELS:.*]] = scf.forall (%[[Q:.*]]) in (3) shared_outs(%[[PS:.*]] = %[[EMPTY]]) -> (tensor<3x12x16xf32>) {
// PACKED: %[[COLUMN:.*]] = arith.muli %[[Q]], %{{.*}} : index
// PACKED: scf.for %[[R:[a-z0-9_]+]] =
// PACKED-NEXT: %[[V:.*]] = vector.transfer_read %[[B]][%[[R]], %[[COLUMN]]], %{{.*}} : tensor<12x40xf32>, vector<16xf32>
// PACKED-NEXT: vector.transfer_write %[[V]], %{{.*}}[%{{.*}}, %[[R]], %{{.*}}] {in_bounds = [true]} : vector<16xf32>, tensor<1x12x16xf32>
// PACKED: tensor.parallel_insert_slice
// PACKED: scf.forall (%[[J:.*]], %[[I:.*]]) = (0, 0) to (40, 20) step (16, 2)
// PACKED: %[[P:.*]] = affine.apply #{{.*}}()[%[[J]]]
// PACKED: scf.for %[[K:[a-z0-9_]+]] =
// PACKED-NEXT: vector.transfer_read %[[PANELS]][%[[P]], %[[K]], %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<3x12x16xf32>, vector<16xf32>
// PACKED: act.register_tile = array<i64: 2, 16>

// Row blocks of 384 bytes of A (8 rows of K = 12 f32): an outer forall over
// the blocks (3 of them for 20 rows), each swept by every column panel.
// BLOCKED-LABEL: func @kernel
// BLOCKED: %[[PANELS:.*]] = scf.forall (%{{.*}}) in (3) shared_outs
// BLOCKED: scf.forall (%[[BLOCK:.*]]) = (0) to (20) step (8) shared_outs
// BLOCKED: tensor.extract_slice %{{.*}}[%[[BLOCK]], 0] [%{{.*}}, 12] [1, 1] : tensor<20x12xf32> to tensor<?x12xf32>
// BLOCKED: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (40, %{{.*}}) step (16, 2)
// BLOCKED: vector.transfer_read %[[PANELS]]
// BLOCKED: act.register_tile = array<i64: 2, 16>

// Reduction blocks of 5 steps (K = 12: 5, 5, 2) around a sweep of every
// register tile: the first block starts from zero, the others from the
// partial sums the previous block stored; only the last applies the
// epilogue; either way one store per row.
// REDUCTION-LABEL: func @kernel
// REDUCTION: %[[PANELS:.*]] = scf.forall (%{{.*}}) in (3) shared_outs
// REDUCTION: scf.for %[[KB:.*]] = %[[C0:.*]] to %[[C12:.*]] step %[[C5:.*]] iter_args(%{{.*}} = %{{.*}}) -> (tensor<20x40xf32>) {
// REDUCTION-NEXT: %[[NEXT:.*]] = arith.addi %[[KB]], %[[C5]] : index
// REDUCTION-NEXT: %[[END:.*]] = arith.minsi %[[NEXT]], %[[C12]] : index
// REDUCTION-NEXT: %[[FIRST:.*]] = arith.cmpi eq, %[[KB]], %[[C0]] : index
// REDUCTION-NEXT: %[[LAST:.*]] = arith.cmpi sge, %[[NEXT]], %[[C12]] : index
// REDUCTION-NEXT: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (40, 20) step (16, 2)
// REDUCTION: %[[OS:.*]] = tensor.extract_slice %{{.*}} : tensor<20x40xf32> to tensor<2x?xf32>
// REDUCTION: %[[START:.*]]:2 = scf.if %[[FIRST]] -> (vector<16xf32>, vector<16xf32>) {
// REDUCTION-NEXT: scf.yield %[[ZERO:.*]], %[[ZERO]] : vector<16xf32>, vector<16xf32>
// REDUCTION-NEXT: } else {
// REDUCTION-NEXT: %[[P0:.*]] = vector.transfer_read %[[OS]][%{{.*}}, %{{.*}}], %{{.*}} : tensor<2x?xf32>, vector<16xf32>
// REDUCTION-NEXT: %[[P1:.*]] = vector.transfer_read %[[OS]][%{{.*}}, %{{.*}}], %{{.*}} : tensor<2x?xf32>, vector<16xf32>
// REDUCTION-NEXT: scf.yield %[[P0]], %[[P1]]
// REDUCTION: %[[ACC:.*]]:2 = scf.for %{{.*}} = %[[KB]] to %[[END]] step %{{.*}} iter_args(%{{.*}} = %[[START]]#0, %{{.*}} = %[[START]]#1)
// REDUCTION: vector.transfer_read %[[PANELS]]
// REDUCTION: } {act.register_tile = array<i64: 2, 16>}
// REDUCTION-NEXT: %[[VALUES:.*]]:2 = scf.if %[[LAST]] -> (vector<16xf32>, vector<16xf32>) {
// REDUCTION-NEXT: %[[BV:.*]] = vector.transfer_read
// REDUCTION-NEXT: %[[E0:.*]] = arith.addf %[[ACC]]#0, %[[BV]]
// REDUCTION-NEXT: %[[R0:.*]] = act.relu %[[E0]]
// REDUCTION-NEXT: %[[E1:.*]] = arith.addf %[[ACC]]#1, %[[BV]]
// REDUCTION-NEXT: %[[R1:.*]] = act.relu %[[E1]]
// REDUCTION-NEXT: scf.yield %[[R0]], %[[R1]]
// REDUCTION-NEXT: } else {
// REDUCTION-NEXT: scf.yield %[[ACC]]#0, %[[ACC]]#1
// REDUCTION-NEXT: }
// REDUCTION-NEXT: %[[W0:.*]] = vector.transfer_write %[[VALUES]]#0, %[[OS]]
// REDUCTION-NEXT: vector.transfer_write %[[VALUES]]#1, %[[W0]]
// REDUCTION-NOT: vector.transfer_write
// REDUCTION: tensor.parallel_insert_slice

// With threads, the row blocks are of equal size and their count a
// multiple of the threads: 10 register-tile rows (20 rows) in one block of
// A become 2 blocks of 10 rows; in blocks of 384 bytes (8 rows, 3 blocks),
// 4 blocks of 6 rows.
// THREADS-LABEL: func @kernel
// THREADS: scf.forall (%{{.*}}) = (0) to (20) step (10) shared_outs
// THREADS-BLOCKED-LABEL: func @kernel
// THREADS-BLOCKED: scf.forall (%{{.*}}) = (0) to (20) step (6) shared_outs

// Without contraction: a multiply then an add, the reference's roundings.
// EXACT-LABEL: func @kernel
// EXACT: scf.for
// EXACT-NOT: vector.fma
// EXACT: %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} : vector<16xf32>
// EXACT-NEXT: arith.addf %{{.*}}, %[[P]] : vector<16xf32>
// EXACT: act.register_tile

// Through the pipeline the kernel is LLVM vector code: fused multiply-adds
// with contract=true, separate multiplies and adds by default.
// LLVM-LABEL: llvm.func @kernel
// LLVM: llvm.intr.fmuladd
// LLVM-NOT: act.relu
// LLVM-EXACT-LABEL: llvm.func @kernel
// LLVM-EXACT-NOT: llvm.intr.fmuladd
// LLVM-EXACT: llvm.fmul %{{.*}} : vector<64xf32>
// LLVM-EXACT: llvm.fadd %{{.*}} : vector<64xf32>
func.func @kernel(%a: tensor<20x12xf32>, %b: tensor<12x40xf32>, %bias: tensor<40xf32>) -> tensor<20x40xf32> {
  %init = tensor.empty() : tensor<20x40xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<20x12xf32>, tensor<12x40xf32>) bias(%bias : tensor<40xf32>) outs(%init : tensor<20x40xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<20x40xf32>
  return %r : tensor<20x40xf32>
}

// -----

// M = 3 does not divide the 2-row tile: the second row of the last tile
// reads a copy of the last row (clamped) and is stored only if it exists.
// A per-row bias (3x1) is broadcast along the vector; f16 inputs are
// extended to the f32 accumulator.
// CHECK-LABEL: func @edge_rows_row_bias_f16
// CHECK: scf.for
// N = 7 fits one 16-lane tile: B's rows are read masked (padded with 0).
// CHECK: vector.transfer_read %{{.*}} : tensor<5x7xf16>, vector<16xf16>
// CHECK: arith.extf %{{.*}} : vector<16xf16> to vector<16xf32>
// CHECK: tensor.extract %{{.*}} : tensor<?x5xf16>
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: act.register_tile
// CHECK: vector.transfer_read %{{.*}} {in_bounds = [true], permutation_map = #{{.*}}} : tensor<?x1xf32>, vector<16xf32>
// CHECK: %[[EXISTS0:.*]] = arith.cmpi sgt, %{{.*}}, %{{.*}} : index
// CHECK: scf.if %[[EXISTS0]] -> (tensor<?x?xf32>) {
// CHECK: vector.transfer_write
// CHECK: %[[EXISTS1:.*]] = arith.cmpi sgt, %{{.*}}, %{{.*}} : index
// CHECK: scf.if %[[EXISTS1]] -> (tensor<?x?xf32>) {
// CHECK: vector.transfer_write
func.func @edge_rows_row_bias_f16(%a: tensor<3x5xf16>, %b: tensor<5x7xf16>, %bias: tensor<3x1xf32>) -> tensor<3x7xf32> {
  %init = tensor.empty() : tensor<3x7xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<3x5xf16>, tensor<5x7xf16>) bias(%bias : tensor<3x1xf32>) outs(%init : tensor<3x7xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    act.yield %s : f32
  } -> tensor<3x7xf32>
  return %r : tensor<3x7xf32>
}

// -----

// A constant B (weights) is packed at compile time: the panels are a
// constant, with the zero padding in place.
// CONST-LABEL: func @constant_weights
// CONST-NOT: linalg.transpose
// CONST: %[[PANELS:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 0.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00, 0.000000e+00]]]> : tensor<1x2x4xf32>
// CONST: vector.transfer_read %[[PANELS]]
func.func @constant_weights(%a: tensor<5x2xf32>) -> tensor<5x3xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %init = tensor.empty() : tensor<5x3xf32>
  %r = act.fused_matmul ins(%a, %w : tensor<5x2xf32>, tensor<2x3xf32>) outs(%init : tensor<5x3xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

// An f16 result cannot hold the f32 partial sums: the reduction is not
// blocked (one loop over all 12 steps per tile, the epilogue after it).
// REDUCTION-LABEL: func @f16_result_unblocked
// REDUCTION-NOT: arith.cmpi sge
// REDUCTION: scf.for %{{.*}} = %[[C0:.*]] to %[[C12:.*]] step %[[C1:.*]] iter_args
// REDUCTION: act.register_tile = array<i64: 2, 16>
// REDUCTION-NEXT: arith.truncf
func.func @f16_result_unblocked(%a: tensor<20x12xf16>, %b: tensor<12x40xf16>) -> tensor<20x40xf16> {
  %init = tensor.empty() : tensor<20x40xf16>
  %r = act.fused_matmul ins(%a, %b : tensor<20x12xf16>, tensor<12x40xf16>) outs(%init : tensor<20x40xf16>) accumulate(f32) {
  ^bb0(%acc: f32):
    %h = arith.truncf %acc : f32 to f16
    act.yield %h : f16
  } -> tensor<20x40xf16>
  return %r : tensor<20x40xf16>
}

// -----

// Weights in a dense_resource blob (how act-import-onnx prints large
// initializers) are packed at compile time as well.
// CONST-LABEL: func @resource_weights
// CONST: %[[PANELS:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 0.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00, 0.000000e+00]]]> : tensor<1x2x4xf32>
// CONST: vector.transfer_read %[[PANELS]]
func.func @resource_weights(%a: tensor<5x2xf32>) -> tensor<5x3xf32> {
  %w = arith.constant dense_resource<weights> : tensor<2x3xf32>
  %init = tensor.empty() : tensor<5x3xf32>
  %r = act.fused_matmul ins(%a, %w : tensor<5x2xf32>, tensor<2x3xf32>) outs(%init : tensor<5x3xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}
