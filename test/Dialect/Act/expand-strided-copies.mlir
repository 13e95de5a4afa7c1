// RUN: act-opt %s --split-input-file --act-expand-strided-copies | FileCheck %s

// A copy into a strided subview (the interior of a padded buffer) becomes a
// linalg.copy: loops LLVM vectorizes instead of the runtime's memrefCopy.
// CHECK-LABEL: func @into_padded_interior
// CHECK-SAME: (%[[SRC:.*]]: memref<1x4x4x8xf32>, %[[DST:.*]]: memref<1x6x6x8xf32>)
// CHECK: %[[SUB:.*]] = memref.subview %[[DST]][0, 1, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1]
// CHECK-NEXT: linalg.copy ins(%[[SRC]] : memref<1x4x4x8xf32>) outs(%[[SUB]] : memref<1x4x4x8xf32, strided<[288, 48, 8, 1], offset: 56>>)
// CHECK-NOT: memref.copy
func.func @into_padded_interior(%src: memref<1x4x4x8xf32>, %dst: memref<1x6x6x8xf32>) {
  %sub = memref.subview %dst[0, 1, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1] : memref<1x6x6x8xf32> to memref<1x4x4x8xf32, strided<[288, 48, 8, 1], offset: 56>>
  memref.copy %src, %sub : memref<1x4x4x8xf32> to memref<1x4x4x8xf32, strided<[288, 48, 8, 1], offset: 56>>
  return
}

// -----

// Out of a strided view with dynamic sizes: a linalg.copy too.
// CHECK-LABEL: func @from_dynamic_strided
// CHECK: linalg.copy ins(%{{.*}} : memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%{{.*}} : memref<?x?xf32>)
func.func @from_dynamic_strided(%src: memref<?x?xf32, strided<[?, 1], offset: ?>>, %dst: memref<?x?xf32>) {
  memref.copy %src, %dst : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32>
  return
}

// -----

// Contiguous on both sides (identity layouts, static or not; or a static
// contiguous strided view): left for the memcpy lowering.
// CHECK-LABEL: func @contiguous_kept
// CHECK-COUNT-3: memref.copy
// CHECK-NOT: linalg.copy
func.func @contiguous_kept(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %c: memref<?xf32>, %d: memref<?xf32>, %e: memref<2x8xf32, strided<[8, 1], offset: 8>>, %f: memref<2x8xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  memref.copy %c, %d : memref<?xf32> to memref<?xf32>
  memref.copy %e, %f : memref<2x8xf32, strided<[8, 1], offset: 8>> to memref<2x8xf32>
  return
}
