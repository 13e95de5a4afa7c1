// RUN: act-opt --help | FileCheck %s

// act-opt lists our passes and pipeline, with their options, beside the
// upstream ones.

// CHECK-DAG: --act-lower-to-cpu {{.*}}Lower act + linalg + tensor IR to the LLVM dialect for the host CPU
// CHECK-DAG: --emit-c-interface {{.*}}Emit `_mlir_ciface_` wrappers
// CHECK-DAG: --fuse-elementwise {{.*}}Fuse producer/consumer chains of elementwise linalg ops
// CHECK-DAG: --results-to-out-params {{.*}}Turn the memref results of every function
// CHECK-DAG: --threads=<uint> {{.*}}Number of threads the parallel loops run on
// CHECK-DAG: --act-raise {{.*}}Raise decomposed activation functions into act ops
// CHECK-DAG: --act-record-signatures {{.*}}Record the type of every public function in `act.signature`
// CHECK-DAG: --convert-act-to-arith {{.*}}Lower scalar and vector act ops to arith and math ops
// CHECK-DAG: --convert-act-to-linalg {{.*}}Rewrite act ops on ranked tensors into linalg.generic
// CHECK-DAG: --act-fuse {{.*}}Fuse matmul/conv + bias + activation chains into one op
// CHECK-DAG: --elementwise {{.*}}Also fuse chains of elementwise ops containing act ops
// CHECK-DAG: --report {{.*}}Emit a remark per fused group
// Upstream passes and pipelines are there too.
// CHECK-DAG: --convert-elementwise-to-linalg
// CHECK-DAG: --one-shot-bufferize
// CHECK-DAG: --gpu-lower-to-nvvm-pipeline
