// REQUIRES: bench-baseline
// RUN: rm -rf %t && mkdir -p %t
// act-bench-baseline checks each baseline against the reference before it
// times it, and writes the inputs act-run is timed on.
// RUN: act-bench-baseline matmul 17 9 5 --reps=1 --dir=%t | FileCheck %s --check-prefix=MATMUL
// RUN: act-numerics compare %t/reference.npy %t/reference.npy | FileCheck %s --check-prefix=FILES
// Bad input: a clear error and a non-zero exit.
// RUN: not act-bench-baseline matmul 17 9 2>&1 | FileCheck %s --check-prefix=USAGE
// RUN: not act-bench-baseline gemm 1 2 3 2>&1 | FileCheck %s --check-prefix=USAGE
// RUN: not act-bench-baseline copy 64 --threads=0 2>&1 | FileCheck %s --check-prefix=THREADS

// MATMUL: baseline openblas+epilogue median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} reps=1
// MATMUL: baseline onednn median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} reps=1
// FILES: compare (float32): 153 values, max error 0 ulp (bound 0), 0 over bound
// USAGE: error: usage: act-bench-baseline matmul M N K | conv | copy BYTES
// THREADS: error: --threads and --reps must be >= 1
