// RUN: act-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(act-vectorize-elementwise{block-size=32 nontemporal-bytes=4096}),canonicalize)' | FileCheck %s
// RUN: act-opt %s --split-input-file --act-lower-to-cpu=fast-math=true | FileCheck %s --check-prefix=FAST
// RUN: not act-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(act-vectorize-elementwise{vector-size=0}))' 2>&1 | FileCheck %s --check-prefix=BAD-VECTOR
// RUN: not act-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(act-vectorize-elementwise{block-size=24}))' 2>&1 | FileCheck %s --check-prefix=BAD-BLOCK
// RUN: not act-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(act-vectorize-elementwise{nontemporal-bytes=-1}))' 2>&1 | FileCheck %s --check-prefix=BAD-NT
// RUN: not act-opt %s --split-input-file --act-lower-to-cpu="fast-math=true nontemporal-bytes=-1" 2>&1 | FileCheck %s --check-prefix=BAD-NT
// BAD-VECTOR: error: act-vectorize-elementwise: vector-size must be >= 1, got 0
// BAD-BLOCK: error: act-vectorize-elementwise: block-size must be a positive multiple of vector-size (16), got 24
// BAD-NT: error: act-vectorize-elementwise: nontemporal-bytes must be >= 0, got -1
// RUN: not act-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(act-vectorize-elementwise{prefetch-bytes=-2}))' 2>&1 | FileCheck %s --check-prefix=BAD-PREFETCH
// BAD-PREFETCH: error: act-vectorize-elementwise: prefetch-bytes must be >= 0, got -2

// An elementwise act chain on buffers (one linalg.generic, as fusion and
// bufferization leave it): a parallel loop over blocks of 32 elements, in
// each a loop of full vectors: one load, the act ops on vector<16xf32>, one
// store. The block and the vector divide the size: no tail.

// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:.*]]: memref<64xf32>, %[[Y:.*]]: memref<64xf32>)
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK: scf.forall (%[[B:.*]]) in (2) {
// CHECK-NEXT: %[[BEGIN:.*]] = arith.muli %[[B]], %[[C32]] : index
// CHECK-NEXT: %[[END:.*]] = arith.addi %[[BEGIN]], %[[C32]] : index
// CHECK-NEXT: scf.for %[[J:.*]] = %[[BEGIN]] to %[[END]] step %[[C16]] {
// CHECK-NEXT: %[[V:.*]] = vector.load %[[X]][%[[J]]] : memref<64xf32>, vector<16xf32>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[V]] : vector<16xf32>
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[R]] : vector<16xf32>
// CHECK-NEXT: %[[C:.*]] = act.clip %[[G]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : vector<16xf32>
// CHECK-NEXT: vector.store %[[C]], %[[Y]][%[[J]]] : memref<64xf32>, vector<16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return

// Through act-lower-to-cpu{fast-math}: the chain is one loop of vectors;
// gelu of a relu takes the non-negative form (a polynomial and an exp, no
// erfc, no division), and the clip drops its lower bound.
// FAST-LABEL: llvm.func @chain
// FAST-NOT: llvm.call
// FAST-NOT: llvm.fdiv
// FAST: llvm.intr.fma{{.*}} : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// FAST: llvm.shl {{.*}} : vector<16xi32>
// FAST: llvm.intr.minimum({{.*}}) : (vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// FAST-NOT: llvm.intr.maximum
// FAST: llvm.return
#id = affine_map<(d0) -> (d0)>
func.func @chain(%x: memref<64xf32>, %y: memref<64xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<64xf32>) outs(%y : memref<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.relu %in : f32
    %2 = act.gelu %1 : f32
    %3 = act.clip %2 {min = 0.0 : f64, max = 6.0 : f64} : f32
    linalg.yield %3 : f32
  }
  return
}

// -----

// A size neither the block nor the vector divides: the last block ends at
// the size, and the elements past the last full vector are one masked
// vector.

// CHECK-LABEL: func.func @ragged(
// CHECK-SAME: %[[X:.*]]: memref<50xf32>, %[[Y:.*]]: memref<50xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C50:.*]] = arith.constant 50 : index
// CHECK: scf.forall (%[[B:.*]]) in (2) {
// CHECK-NEXT: %[[BEGIN:.*]] = arith.muli %[[B]], %[[C32]] : index
// CHECK-NEXT: %[[FULL:.*]] = arith.addi %[[BEGIN]], %[[C32]] : index
// CHECK-NEXT: %[[END:.*]] = arith.minsi %[[FULL]], %[[C50]] : index
// CHECK-NEXT: %[[COUNT:.*]] = arith.subi %[[END]], %[[BEGIN]] : index
// CHECK-NEXT: %[[VECTORS:.*]] = arith.divui %[[COUNT]], %[[C16]] : index
// CHECK-NEXT: %[[ELEMENTS:.*]] = arith.muli %[[VECTORS]], %[[C16]] : index
// CHECK-NEXT: %[[MAIN_END:.*]] = arith.addi %[[BEGIN]], %[[ELEMENTS]] : index
// CHECK-NEXT: scf.for %[[J:.*]] = %[[BEGIN]] to %[[MAIN_END]] step %[[C16]] {
// CHECK-NEXT: %[[V:.*]] = vector.load %[[X]][%[[J]]] : memref<50xf32>, vector<16xf32>
// CHECK-NEXT: %[[S:.*]] = act.silu %[[V]] : vector<16xf32>
// CHECK-NEXT: vector.store %[[S]], %[[Y]][%[[J]]] : memref<50xf32>, vector<16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[REST:.*]] = arith.subi %[[END]], %[[MAIN_END]] : index
// CHECK-NEXT: %[[HAS_REST:.*]] = arith.cmpi sgt, %[[REST]], %[[C0]] : index
// CHECK-NEXT: scf.if %[[HAS_REST]] {
// CHECK-NEXT: %[[MASK:.*]] = vector.create_mask %[[REST]] : vector<16xi1>
// CHECK-NEXT: %[[TV:.*]] = vector.maskedload %[[X]][%[[MAIN_END]]], %[[MASK]], %[[ZERO]] : memref<50xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
// CHECK-NEXT: %[[TS:.*]] = act.silu %[[TV]] : vector<16xf32>
// CHECK-NEXT: vector.maskedstore %[[Y]][%[[MAIN_END]]], %[[MASK]], %[[TS]] : memref<50xf32>, vector<16xi1>, vector<16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
#id = affine_map<(d0) -> (d0)>
func.func @ragged(%x: memref<50xf32>, %y: memref<50xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<50xf32>) outs(%y : memref<50xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.silu %in : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// A dynamic size: as many blocks as it takes, each with its masked rest.

// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME: %[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK: %[[N:.*]] = memref.dim %[[Y]], %[[C0]] : memref<?xf32>
// CHECK-NEXT: %[[BLOCKS:.*]] = arith.ceildivui %[[N]], %[[C32]] : index
// CHECK-NEXT: scf.forall (%[[B:.*]]) in (%[[BLOCKS]]) {
// CHECK-NEXT: %[[BEGIN:.*]] = arith.muli %[[B]], %[[C32]] : index
// CHECK-NEXT: %[[FULL:.*]] = arith.addi %[[BEGIN]], %[[C32]] : index
// CHECK-NEXT: %[[END:.*]] = arith.minsi %[[FULL]], %[[N]] : index
// CHECK: scf.for
// CHECK: vector.load %[[X]]
// CHECK-NEXT: act.relu {{.*}} : vector<16xf32>
// CHECK-NEXT: vector.store
// CHECK: scf.if
// CHECK: vector.maskedload %[[X]]
// CHECK-NEXT: act.relu {{.*}} : vector<16xf32>
// CHECK-NEXT: vector.maskedstore %[[Y]]
#id = affine_map<(d0) -> (d0)>
func.func @dynamic(%x: memref<?xf32>, %y: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.relu %in : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// Broadcasts: the bias varies along the vector (a vector load at the
// column), the row operand does not (a scalar load, and the ops on it stay
// scalar until a vector op needs it broadcast). The outer dimension is a
// dimension of the parallel loop.

// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME: %[[X:.*]]: memref<4x40xf32>, %[[BIAS:.*]]: memref<40xf32>, %[[ROW:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4x40xf32>)
// CHECK: scf.forall (%[[I:.*]], %[[B:.*]]) in (4, 2) {
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[XV:.*]] = vector.load %[[X]][%[[I]], %[[J]]] : memref<4x40xf32>, vector<16xf32>
// CHECK-NEXT: %[[BV:.*]] = vector.load %[[BIAS]][%[[J]]] : memref<40xf32>, vector<16xf32>
// CHECK-NEXT: %[[R:.*]] = memref.load %[[ROW]][%[[I]]] : memref<4xf32>
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[XV]], %[[BV]] : vector<16xf32>
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[R]], %[[R]] : f32
// CHECK-NEXT: %[[SPLAT:.*]] = vector.broadcast %[[SQ]] : f32 to vector<16xf32>
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[SUM]], %[[SPLAT]] : vector<16xf32>
// CHECK-NEXT: %[[RELU:.*]] = act.relu %[[P]] : vector<16xf32>
// CHECK-NEXT: vector.store %[[RELU]], %[[Y]][%[[I]], %[[J]]] : memref<4x40xf32>, vector<16xf32>
// CHECK-NEXT: }
// CHECK: vector.maskedload %[[X]][%[[I]], %{{.*}}]
// CHECK: vector.maskedstore %[[Y]][%[[I]], %{{.*}}]
func.func @broadcast(%x: memref<4x40xf32>, %bias: memref<40xf32>, %row: memref<4xf32>, %y: memref<4x40xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %bias, %row : memref<4x40xf32>, memref<40xf32>, memref<4xf32>) outs(%y : memref<4x40xf32>) {
  ^bb0(%a: f32, %b: f32, %r: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    %t = arith.mulf %r, %r : f32
    %m = arith.mulf %s, %t : f32
    %1 = act.relu %m : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// A transposed operand is strided along the vector: a transfer_read along
// its first dimension.

// CHECK-LABEL: func.func @transposed(
// CHECK-SAME: %[[X:.*]]: memref<32x16xf32>, %[[Y:.*]]: memref<16x32xf32>)
// CHECK: scf.forall (%[[I:.*]]) in (16) {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[V:.*]] = vector.transfer_read %[[X]][%[[J]], %[[I]]], %{{.*}} {in_bounds = [true], permutation_map = #{{.*}}} : memref<32x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[T:.*]] = act.tanh %[[V]] : vector<16xf32>
// CHECK-NEXT: vector.store %[[T]], %[[Y]][%[[I]], %[[J]]] : memref<16x32xf32>, vector<16xf32>
func.func @transposed(%x: memref<32x16xf32>, %y: memref<16x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<32x16xf32>) outs(%y : memref<16x32xf32>) {
  ^bb0(%a: f32, %out: f32):
    %1 = act.tanh %a : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// Identity maps over identity layouts are collapsed to one dimension (8x6:
// blocks and vectors span rows). The payload reads the output element too.

// CHECK-LABEL: func.func @collapse(
// CHECK-SAME: %[[X:.*]]: memref<8x6xf16>, %[[Y:.*]]: memref<8x6xf16>)
// CHECK: %[[X1:.*]] = memref.collapse_shape %[[X]] {{\[\[}}0, 1]] : memref<8x6xf16> into memref<48xf16>
// CHECK-NEXT: %[[Y1:.*]] = memref.collapse_shape %[[Y]] {{\[\[}}0, 1]] : memref<8x6xf16> into memref<48xf16>
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[XV:.*]] = vector.load %[[X1]][%[[J]]] : memref<48xf16>, vector<16xf16>
// CHECK-NEXT: %[[YV:.*]] = vector.load %[[Y1]][%[[J]]] : memref<48xf16>, vector<16xf16>
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[XV]] : vector<16xf16>
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[G]], %[[YV]] : vector<16xf16>
// CHECK-NEXT: vector.store %[[S]], %[[Y1]][%[[J]]] : memref<48xf16>, vector<16xf16>
func.func @collapse(%x: memref<8x6xf16>, %y: memref<8x6xf16>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<8x6xf16>) outs(%y : memref<8x6xf16>) {
  ^bb0(%a: f16, %out: f16):
    %1 = act.gelu %a : f16
    %2 = arith.addf %1, %out : f16
    linalg.yield %2 : f16
  }
  return
}

// -----

// A result of at least nontemporal-bytes (4096 here; 4 MiB, the default,
// in act-lower-to-cpu): per block, a masked
// head up to the first 64-byte aligned element of the result, then aligned
// non-temporal stores, each vector prefetching the input 4 KiB (1024
// elements) ahead, clamped to its last element, then the masked rest.

// CHECK-LABEL: func.func @streaming(
// CHECK-SAME: %[[X:.*]]: memref<1048576xf32>, %[[Y:.*]]: memref<1048576xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[C1024:.*]] = arith.constant 1024 : index
// CHECK-DAG: %[[LAST:.*]] = arith.constant 1048575 : index
// CHECK: scf.forall (%[[B:.*]]) in (32768) {
// CHECK-NEXT: %[[BEGIN:.*]] = arith.muli %[[B]], %[[C32]] : index
// CHECK-NEXT: %[[END:.*]] = arith.addi %[[BEGIN]], %[[C32]] : index
// CHECK-NEXT: %[[BASE:.*]] = memref.extract_aligned_pointer_as_index %[[Y]] : memref<1048576xf32> -> index
// CHECK-NEXT: %[[OFFSET:.*]] = arith.muli %[[B]], %[[C128]] : index
// CHECK-NEXT: %[[ADDRESS:.*]] = arith.addi %[[BASE]], %[[OFFSET]] : index
// CHECK-NEXT: %[[MIS:.*]] = arith.remui %[[ADDRESS]], %[[C64]] : index
// CHECK-NEXT: %[[TO_NEXT:.*]] = arith.subi %[[C64]], %[[MIS]] : index
// CHECK-NEXT: %[[HEAD_BYTES:.*]] = arith.remui %[[TO_NEXT]], %[[C64]] : index
// CHECK-NEXT: %[[HEAD_ALL:.*]] = arith.divui %[[HEAD_BYTES]], %[[C4]] : index
// CHECK-NEXT: %[[HEAD:.*]] = arith.minsi %[[HEAD_ALL]], %[[C32]] : index
// CHECK-NEXT: %[[HAS_HEAD:.*]] = arith.cmpi sgt, %[[HEAD]], %[[C0]] : index
// CHECK-NEXT: scf.if %[[HAS_HEAD]] {
// CHECK-NEXT: %[[MASK:.*]] = vector.create_mask %[[HEAD]] : vector<16xi1>
// CHECK-NEXT: vector.maskedload %[[X]][%[[BEGIN]]], %[[MASK]]
// CHECK-NEXT: act.relu
// CHECK-NEXT: vector.maskedstore %[[Y]][%[[BEGIN]]], %[[MASK]]
// CHECK-NEXT: }
// CHECK-NEXT: %[[MAIN:.*]] = arith.addi %[[BEGIN]], %[[HEAD]] : index
// CHECK: scf.for %[[J:.*]] = %[[MAIN]] to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[V:.*]] = vector.load %[[X]][%[[J]]] : memref<1048576xf32>, vector<16xf32>
// CHECK-NEXT: %[[AHEAD:.*]] = arith.addi %[[J]], %[[C1024]] : index
// CHECK-NEXT: %[[CLAMPED:.*]] = arith.minsi %[[AHEAD]], %[[LAST]] : index
// CHECK-NEXT: memref.prefetch %[[X]][%[[CLAMPED]]], read, locality<3>, data : memref<1048576xf32>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[V]] : vector<16xf32>
// CHECK-NEXT: vector.store %[[R]], %[[Y]][%[[J]]] {alignment = 64 : i64, nontemporal = true} : memref<1048576xf32>, vector<16xf32>
// CHECK-NEXT: }
// CHECK: scf.if
// CHECK: vector.maskedstore %[[Y]]

// FAST-LABEL: llvm.func @streaming
// FAST: "llvm.intr.prefetch"
// FAST: llvm.store {{.*}} {alignment = 64 : i64, nontemporal} : vector<16xf32>, !llvm.ptr
#id = affine_map<(d0) -> (d0)>
func.func @streaming(%x: memref<1048576xf32>, %y: memref<1048576xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<1048576xf32>) outs(%y : memref<1048576xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.relu %in : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// Left alone: a payload op that cannot take vectors on a value that varies
// (a gather through memref.load), a linalg.index, a reduction.

// CHECK-LABEL: func.func @not_vectorized(
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: memref.load
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["reduction"]
// CHECK-NOT: vector.
#id = affine_map<(d0) -> (d0)>
func.func @not_vectorized(%x: memref<64xf32>, %t: memref<10xf32>, %y: memref<64xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<64xf32>) outs(%y : memref<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %i = arith.fptosi %in : f32 to i32
    %j = arith.index_cast %i : i32 to index
    %v = memref.load %t[%j] : memref<10xf32>
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : memref<64xf32>) outs(%y : memref<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    %r = arith.addf %in, %f : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%x : memref<64xf32>) outs(%s : memref<f32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  }
  return
}
