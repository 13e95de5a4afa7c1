// relu -> gelu -> clip on a 1024x1024 f32 tensor (4 MiB): the elementwise
// chain timed in issue 4's closing note:
//   act-run examples/elementwise-chain.mlir --random-inputs --bench=20 [--threads=2]
func.func @main(%x: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %r = act.relu %x : tensor<1024x1024xf32>
  %g = act.gelu %r : tensor<1024x1024xf32>
  %c = act.clip %g {min = 0.0 : f64, max = 6.0 : f64} : tensor<1024x1024xf32>
  return %c : tensor<1024x1024xf32>
}
