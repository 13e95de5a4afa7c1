// RUN: act-opt %s --allow-unregistered-dialect --split-input-file --act-fuse | FileCheck %s

// Ops of unregistered dialects are neither contractions nor elementwise:
// they end a chain and are left alone.

// CHECK-LABEL: func @unregistered_in_chain
// CHECK: %[[R:.*]] = act.relu %{{.*}} : tensor<4x4xf32>
// CHECK: %[[U:.*]] = "foo.bar"(%[[R]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// CHECK: act.sigmoid %[[U]] : tensor<4x4xf32>
func.func @unregistered_in_chain(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = act.relu %x : tensor<4x4xf32>
  %1 = "foo.bar"(%0) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %2 = act.sigmoid %1 : tensor<4x4xf32>
  return %2 : tensor<4x4xf32>
}
