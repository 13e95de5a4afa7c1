// RUN: act-opt %s --split-input-file --act-serialize-innermost-parallel-dim | FileCheck %s

// The outer dimensions stay parallel; the innermost runs as an scf.for in
// the body, a unit-stride loop LLVM can vectorize.
// CHECK-LABEL: func @fill
// CHECK-SAME: (%[[BUF:.*]]: memref<4x6x8xf32>, %[[V:.*]]: f32)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C6:.*]] = arith.constant 6 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[C4]], %[[C6]]) step (%[[C1]], %[[C1]]) {
// CHECK-NEXT: scf.for %[[K:.*]] = %[[C0]] to %[[C8]] step %[[C1]] {
// CHECK-NEXT: memref.store %[[V]], %[[BUF]][%[[I]], %[[J]], %[[K]]] : memref<4x6x8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NOT: scf.parallel
func.func @fill(%buf: memref<4x6x8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i, %j, %k) = (%c0, %c0, %c0) to (%c4, %c6, %c8) step (%c1, %c1, %c1) {
    memref.store %v, %buf[%i, %j, %k] : memref<4x6x8xf32>
    scf.reduce
  }
  return
}

// -----

// One dimension, or a reduction: left alone.
// CHECK-LABEL: func @kept
// CHECK: scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}}) step (%{{.*}}, %{{.*}}) init (%{{.*}}) -> f32 {
// CHECK-NOT: scf.for
func.func @kept(%buf: memref<8xf32>, %m: memref<4x8xf32>, %v: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    memref.store %v, %buf[%i] : memref<8xf32>
    scf.reduce
  }
  %zero = arith.constant 0.0 : f32
  %sum = scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) init (%zero) -> f32 {
    %x = memref.load %m[%i, %j] : memref<4x8xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %sum : f32
}
