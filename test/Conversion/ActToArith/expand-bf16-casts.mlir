// RUN: act-opt %s --act-expand-bf16-casts | FileCheck %s

// bf16 casts become integer arithmetic: no arith.truncf/extf on bf16 is left
// for the x86 backend to turn into a __truncsfbf2 call.

// CHECK-LABEL: func @casts
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: bf16, %[[H:.*]]: f32)
// CHECK-DAG: %[[QNAN:.*]] = arith.constant 32704 : i16
// CHECK-DAG: %[[BIAS:.*]] = arith.constant 32767 : i32
// CHECK: %[[ISNAN:.*]] = arith.cmpf une, %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[BITS:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK: %[[ROUNDED:.*]] = arith.addi %[[BITS]], %{{.*}} : i32
// CHECK: %[[SEL:.*]] = arith.select %[[ISNAN]], %[[QNAN]], %{{.*}} : i16
// CHECK-NEXT: %[[T:.*]] = arith.bitcast %[[SEL]] : i16 to bf16
// CHECK-NEXT: %[[YBITS:.*]] = arith.bitcast %[[Y]] : bf16 to i16
// CHECK-NEXT: %[[WIDE:.*]] = arith.extui %[[YBITS]] : i16 to i32
// CHECK-NEXT: %[[SHIFTED:.*]] = arith.shli %[[WIDE]], %{{.*}} : i32
// CHECK-NEXT: %[[E:.*]] = arith.bitcast %[[SHIFTED]] : i32 to f32
// f16 casts are left alone: libgcc has __truncsfhf2.
// CHECK-NEXT: %[[HALF:.*]] = arith.truncf %[[H]] : f32 to f16
// CHECK-NEXT: return %[[T]], %[[E]], %[[HALF]]
func.func @casts(%x: f32, %y: bf16, %h: f32) -> (bf16, f32, f16) {
  %0 = arith.truncf %x : f32 to bf16
  %1 = arith.extf %y : bf16 to f32
  %2 = arith.truncf %h : f32 to f16
  return %0, %1, %2 : bf16, f32, f16
}
