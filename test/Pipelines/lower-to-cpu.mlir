// RUN: act-opt %s --act-lower-to-cpu="results-to-out-params=true" | FileCheck %s
// RUN: act-opt %s --act-lower-to-cpu="results-to-out-params=true" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: act-opt %s --act-lower-to-cpu="emit-c-interface=true" | FileCheck %s --check-prefix=CIFACE
// RUN: act-opt %s --act-lower-to-cpu | FileCheck %s --check-prefix=RESULTS
// RUN: act-opt %s --act-lower-to-cpu="fuse-elementwise=false results-to-out-params=true" | FileCheck %s --check-prefix=UNFUSED

// relu -> gelu -> clip on a tensor: one fused loop, one load and one store
// per element, transcendental math through libm in f64 (rounded once), everything in the LLVM
// dialect; with results-to-out-params the result goes to a caller-allocated
// buffer. The clip keeps only its upper bound: gelu of a relu is NaN, +0.0
// or positive, where maximum(x, 0) is x.

// CHECK-NOT: act.
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK: llvm.func @erfc(f64) -> f64
// CHECK-LABEL: llvm.func @chain(
// CHECK-SAME: %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64,
// CHECK-SAME: %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64)
// CHECK-NOT: llvm.call @malloc
// CHECK: llvm.cond_br
// CHECK: %[[IN:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK-NEXT: %[[RELU:.*]] = llvm.intr.maximum(%[[IN]], %{{.*}}) : (f32, f32) -> f32
// CHECK: llvm.fpext %[[RELU]] : f32 to f64
// CHECK: llvm.call @erfc
// CHECK: llvm.select
// CHECK: %[[GELU:.*]] = llvm.fptrunc %{{.*}} : f64 to f32
// CHECK-NEXT: %[[HI:.*]] = llvm.intr.minimum(%[[GELU]], %{{.*}})
// CHECK-NOT: llvm.load
// CHECK: llvm.store %[[HI]], %{{.*}} : f32, !llvm.ptr
// CHECK-NOT: llvm.store
// CHECK: llvm.return

// LLVMIR: declare double @erfc(double)
// LLVMIR: define void @chain(ptr %{{.*}}, ptr %{{.*}}, i64 %{{.*}}, i64 %{{.*}}, i64 %{{.*}}, ptr %{{.*}}, ptr %{{.*}}, i64 %{{.*}}, i64 %{{.*}}, i64 %{{.*}})
// LLVMIR: call float @llvm.maximum.f32

// CIFACE: llvm.func @chain(
// CIFACE: llvm.func @_mlir_ciface_chain(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)

// By default the function returns a memref descriptor it allocated.
// RESULTS: llvm.func @chain({{.*}}) -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// RESULTS: llvm.call @malloc

// Unfused: three loops, three stores.
// UNFUSED-COUNT-3: llvm.store
// UNFUSED-NOT: llvm.store

func.func @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = act.relu %x : tensor<16xf32>
  %1 = act.gelu %0 : tensor<16xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<16xf32>
  return %2 : tensor<16xf32>
}
