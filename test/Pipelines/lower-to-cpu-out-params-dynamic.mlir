// RUN: not act-opt %s --act-lower-to-cpu="results-to-out-params=true" 2>&1 | FileCheck %s
// RUN: act-opt %s --act-lower-to-cpu | FileCheck %s --check-prefix=DEFAULT

// A call site cannot preallocate a result whose shape it does not know: with
// results-to-out-params the pipeline stops with the upstream pass's error;
// by default the callee returns the buffer it allocated.

// CHECK: error: cannot create out param for dynamically shaped result
// DEFAULT: llvm.func @dynamic({{.*}}) -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.relu %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}

func.func @caller(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = call @dynamic(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
