// RUN: act-opt %s --pass-pipeline="builtin.module(func.func(convert-act-to-linalg,convert-elementwise-to-linalg,linalg-fuse-elementwise-ops),canonicalize)" | FileCheck %s
// RUN: act-opt %s --pass-pipeline="builtin.module(func.func(convert-act-to-arith))" --mlir-print-ir-after-all 2>&1 | FileCheck %s --check-prefix=AFTER

// Our passes nest in upstream textual pipelines like any upstream pass:
// act ops and arith ops on tensors fuse into one linalg.generic.

// CHECK-LABEL: func @mixed_chain
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK: act.sigmoid
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: linalg.yield
// CHECK-NOT: linalg.generic

// AFTER: // -----// IR Dump After ConvertActToArith (convert-act-to-arith) //----- //
// AFTER: act.sigmoid %{{.*}} : tensor<8xf32>

func.func @mixed_chain(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.sigmoid %x : tensor<8xf32>
  %1 = arith.mulf %x, %0 : tensor<8xf32>
  return %1 : tensor<8xf32>
}
