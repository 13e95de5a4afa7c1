//===- act-bench-baseline.cpp - oneDNN / OpenBLAS baselines ---------------===//
//
// The library side of bench/run.py. For one workload it writes seeded
// random inputs as .npy files (so act-run computes on the same numbers),
// writes the reference result, and times the baselines in this process:
//
//   matmul M N K   C = relu(A * B + bias): oneDNN's matmul with a bias and
//                  a ReLU post-op (weights reordered to its preferred layout
//                  once, outside the timing), and OpenBLAS sgemm followed
//                  by a bias + ReLU loop.
//   conv           the ResNet block 1x56x56x64 -> 64, 3x3, pad 1, + bias +
//                  ReLU: oneDNN's NHWC convolution with a ReLU post-op.
//   copy BYTES     memcpy of BYTES (the machine's copy bandwidth); with
//                  --dir, also writes x.npy (BYTES of random f32) for the
//                  elementwise chain.
//
// Each baseline's result is checked against the reference (OpenBLAS for the
// matmul, oneDNN for the conv) before it is timed. Output: one line per
// baseline, `baseline NAME median_ms=X min_ms=Y reps=N`.
//
//===----------------------------------------------------------------------===//

#include "act/Support/Npy.h"

#include "llvm/Support/raw_ostream.h"

#include <cblas.h>
#include <dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <malloc.h>
#include <random>
#include <string>
#include <vector>

using namespace mlir::act;

extern "C" void openblas_set_num_threads(int);

// Plain argument parsing: libLLVM's command-line registry already holds
// options named like ours (--threads).
static std::string workload;
static std::vector<int64_t> sizes;
static int threads = 1;
static int reps = 10;
static unsigned seed = 1;
static std::string outDir;

namespace {

double timeMs(const std::function<void()> &body) {
  auto start = std::chrono::steady_clock::now();
  body();
  auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::milli>(end - start).count();
}

void report(const std::string &name, const std::function<void()> &body) {
  for (int i = 0; i < 3; ++i)
    body();
  std::vector<double> times;
  for (int i = 0; i < reps; ++i)
    times.push_back(timeMs(body));
  std::sort(times.begin(), times.end());
  std::printf("baseline %s median_ms=%.4f min_ms=%.4f reps=%d\n",
              name.c_str(), times[times.size() / 2], times.front(), reps);
  std::fflush(stdout);
}

NpyArray randomArray(llvm::ArrayRef<int64_t> shape, std::mt19937 &rng) {
  NpyArray array(DType::F32, shape);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  float *data = array.data<float>();
  for (int64_t i = 0; i < array.getNumElements(); ++i)
    data[i] = dist(rng);
  return array;
}

void write(const std::string &name, const NpyArray &array) {
  if (outDir.empty())
    return;
  if (llvm::Error error = writeNpy(outDir + "/" + name, array)) {
    llvm::errs() << "error: " << llvm::toString(std::move(error)) << "\n";
    std::exit(1);
  }
}

/// Largest |a - b| relative to max(1, |b|); fails the run above `bound`.
void check(const std::string &what, const float *actual, const float *expected,
           int64_t count, double bound) {
  double worst = 0;
  for (int64_t i = 0; i < count; ++i) {
    double error = std::fabs(double(actual[i]) - double(expected[i])) /
                   std::max(1.0, std::fabs(double(expected[i])));
    worst = std::max(worst, error);
  }
  if (!(worst <= bound)) {
    llvm::errs() << "error: " << what << " differs from the reference by "
                 << worst << " (bound " << bound << ")\n";
    std::exit(1);
  }
}

int runMatmul(int64_t m, int64_t n, int64_t k) {
  std::mt19937 rng(seed);
  NpyArray a = randomArray({m, k}, rng), b = randomArray({k, n}, rng),
           bias = randomArray({n}, rng);
  write("a.npy", a);
  write("b.npy", b);
  write("bias.npy", bias);
  const float *A = a.data<float>(), *B = b.data<float>(),
              *Bias = bias.data<float>();

  // OpenBLAS sgemm, then the epilogue in a second pass over C.
  std::vector<float> blasC(m * n);
  auto blas = [&]() {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, A, k,
                B, n, 0.0f, blasC.data(), n);
#pragma omp parallel for num_threads(threads) if (threads > 1)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        blasC[i * n + j] = std::max(blasC[i * n + j] + Bias[j], 0.0f);
  };
  blas();
  NpyArray reference(DType::F32, {m, n});
  std::memcpy(reference.data(), blasC.data(), reference.getNumBytes());
  write("reference.npy", reference);
  report("openblas+epilogue", blas);

  // oneDNN matmul with bias and a ReLU post-op.
  using namespace dnnl;
  engine eng(engine::kind::cpu, 0);
  stream s(eng);
  using dt = memory::data_type;
  using tag = memory::format_tag;
  memory::desc aDesc({m, k}, dt::f32, tag::ab), cDesc({m, n}, dt::f32, tag::ab);
  memory::desc bAny({k, n}, dt::f32, tag::any), bPlain({k, n}, dt::f32, tag::ab);
  memory::desc biasDesc({1, n}, dt::f32, tag::ab);
  post_ops ops;
  ops.append_eltwise(1.0f, algorithm::eltwise_relu, 0.0f, 0.0f);
  primitive_attr attr;
  attr.set_post_ops(ops);
  matmul::primitive_desc pd(matmul::desc(aDesc, bAny, biasDesc, cDesc), attr,
                            eng);
  memory aMem(aDesc, eng, const_cast<float *>(A));
  memory bPlainMem(bPlain, eng, const_cast<float *>(B));
  memory bMem(pd.weights_desc(), eng);
  reorder(bPlainMem, bMem).execute(s, bPlainMem, bMem);
  memory biasMem(biasDesc, eng, const_cast<float *>(Bias));
  std::vector<float> dnnlC(m * n);
  memory cMem(cDesc, eng, dnnlC.data());
  matmul primitive(pd);
  auto onednn = [&]() {
    primitive.execute(s, {{DNNL_ARG_SRC, aMem},
                          {DNNL_ARG_WEIGHTS, bMem},
                          {DNNL_ARG_BIAS, biasMem},
                          {DNNL_ARG_DST, cMem}});
    s.wait();
  };
  onednn();
  check("oneDNN matmul", dnnlC.data(), blasC.data(), m * n, 1e-4);
  report("onednn", onednn);
  return 0;
}

int runConv() {
  // 1x56x56x64 -> 64 channels, 3x3, pad 1, stride 1, NHWC, + bias + ReLU.
  const int64_t n = 1, h = 56, w = 56, c = 64, f = 64;
  std::mt19937 rng(seed);
  NpyArray x = randomArray({n, h, w, c}, rng),
           filter = randomArray({3, 3, c, f}, rng), bias = randomArray({f}, rng);
  write("x.npy", x);
  write("filter.npy", filter);
  write("bias.npy", bias);
  using namespace dnnl;
  engine eng(engine::kind::cpu, 0);
  stream s(eng);
  using dt = memory::data_type;
  using tag = memory::format_tag;
  // oneDNN's logical order is (N, C, H, W) and (O, I, H, W); the tags give
  // the physical NHWC / HWIO layouts of our buffers.
  memory::desc xDesc({n, c, h, w}, dt::f32, tag::nhwc);
  memory::desc yDesc({n, f, h, w}, dt::f32, tag::nhwc);
  memory::desc wPlain({f, c, 3, 3}, dt::f32, tag::hwio);
  memory::desc wAny({f, c, 3, 3}, dt::f32, tag::any);
  memory::desc biasDesc({f}, dt::f32, tag::x);
  post_ops ops;
  ops.append_eltwise(1.0f, algorithm::eltwise_relu, 0.0f, 0.0f);
  primitive_attr attr;
  attr.set_post_ops(ops);
  convolution_forward::primitive_desc pd(
      convolution_forward::desc(prop_kind::forward_inference,
                                algorithm::convolution_direct, xDesc, wAny,
                                biasDesc, yDesc, {1, 1}, {1, 1}, {1, 1}),
      attr, eng);
  memory xMem(xDesc, eng, x.data());
  memory wPlainMem(wPlain, eng, filter.data());
  memory wMem(pd.weights_desc(), eng);
  reorder(wPlainMem, wMem).execute(s, wPlainMem, wMem);
  memory biasMem(biasDesc, eng, bias.data());
  NpyArray y(DType::F32, {n, h, w, f});
  memory yMem(yDesc, eng, y.data());
  convolution_forward primitive(pd);
  auto onednn = [&]() {
    primitive.execute(s, {{DNNL_ARG_SRC, xMem},
                          {DNNL_ARG_WEIGHTS, wMem},
                          {DNNL_ARG_BIAS, biasMem},
                          {DNNL_ARG_DST, yMem}});
    s.wait();
  };
  onednn();
  // The reference is a direct loop nest in double precision.
  std::vector<float> expected(n * h * w * f);
  const float *X = x.data<float>(), *W = filter.data<float>(),
              *Bias = bias.data<float>();
  for (int64_t i = 0; i < h; ++i)
    for (int64_t j = 0; j < w; ++j)
      for (int64_t o = 0; o < f; ++o) {
        double sum = Bias[o];
        for (int64_t di = 0; di < 3; ++di)
          for (int64_t dj = 0; dj < 3; ++dj) {
            int64_t ii = i + di - 1, jj = j + dj - 1;
            if (ii < 0 || jj < 0 || ii >= h || jj >= w)
              continue;
            for (int64_t ch = 0; ch < c; ++ch)
              sum += double(X[(ii * w + jj) * c + ch]) *
                     double(W[((di * 3 + dj) * c + ch) * f + o]);
          }
        expected[(i * w + j) * f + o] = float(std::max(sum, 0.0));
      }
  check("oneDNN conv", y.data<float>(), expected.data(), expected.size(),
        1e-4);
  NpyArray reference(DType::F32, {n, h, w, f});
  std::memcpy(reference.data(), expected.data(), reference.getNumBytes());
  write("reference.npy", reference);
  report("onednn", onednn);
  return 0;
}

int runCopy(int64_t bytes) {
  if (!outDir.empty()) {
    // The input of the elementwise chain that the copy is compared with.
    std::mt19937 rng(seed);
    NpyArray x(DType::F32, {bytes / 4});
    std::uniform_real_distribution<float> dist(-8.0f, 8.0f);
    for (int64_t i = 0; i < x.getNumElements(); ++i)
      x.data<float>()[i] = dist(rng);
    write("x.npy", x);
  }
  std::vector<char> source(bytes, 1), destination(bytes, 0);
  auto copy = [&]() {
    int64_t chunk = (bytes + threads - 1) / threads;
#pragma omp parallel for num_threads(threads) if (threads > 1)
    for (int t = 0; t < threads; ++t) {
      int64_t begin = t * chunk, end = std::min(bytes, begin + chunk);
      if (begin < end)
        std::memcpy(destination.data() + begin, source.data() + begin,
                    end - begin);
    }
  };
  report("memcpy", copy);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  // The allocation policy act-run uses for compiled code (freed memory
  // stays in the process), so both sides of a ratio run under the same one.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char *prefix) -> const char * {
      size_t length = std::strlen(prefix);
      return arg.compare(0, length, prefix) == 0 ? argv[i] + length : nullptr;
    };
    if (const char *v = value("--threads="))
      threads = std::atoi(v);
    else if (const char *v = value("--reps="))
      reps = std::atoi(v);
    else if (const char *v = value("--seed="))
      seed = std::atoi(v);
    else if (const char *v = value("--dir="))
      outDir = v;
    else if (workload.empty())
      workload = arg;
    else
      sizes.push_back(std::atoll(arg.c_str()));
  }
  if (threads < 1 || reps < 1)
    return std::fprintf(stderr, "error: --threads and --reps must be >= 1\n"),
           1;
  openblas_set_num_threads(threads);
  omp_set_num_threads(threads);
  if (workload == "matmul" && sizes.size() == 3)
    return runMatmul(sizes[0], sizes[1], sizes[2]);
  if (workload == "conv" && sizes.empty())
    return runConv();
  if (workload == "copy" && sizes.size() == 1)
    return runCopy(sizes[0]);
  std::fprintf(stderr, "error: usage: act-bench-baseline matmul M N K | conv | "
                       "copy BYTES [--threads=N] [--reps=N] [--seed=N] "
                       "[--dir=DIR]\n");
  return 1;
}
