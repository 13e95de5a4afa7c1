// A two-layer MLP head as a graph compiler would hand it to act-mlir:
// matmul + broadcast bias + activation, with the redundant activation chains
// that framework exporters leave behind (relu6 re-clipped to [0, +inf), a
// leaky_relu with alpha 0, a relu applied twice).
//
//   act-opt --canonicalize examples/mlp.mlir        (the graph, simplified)
//   act-opt --act-lower-to-cpu examples/mlp.mlir    (LLVM dialect)

func.func @mlp(%x: tensor<4x8xf32>) -> tensor<4x2xf32> {
  %w1 = arith.constant dense<[
    [ 0.50, -0.25,  0.75, -1.00], [ 0.10,  0.20, -0.30,  0.40],
    [-0.60,  0.70,  0.80, -0.90], [ 1.00, -1.10,  0.05,  0.15],
    [ 0.25,  0.35, -0.45,  0.55], [-0.65,  0.75,  0.85,  0.95],
    [ 0.12, -0.22,  0.32, -0.42], [ 0.52,  0.62, -0.72,  0.82]]>
    : tensor<8x4xf32>
  %b1 = arith.constant dense<[0.1, -0.2, 0.3, -0.4]> : tensor<4xf32>
  %w2 = arith.constant dense<[
    [ 0.3, -0.7], [ 0.9,  0.1], [-0.5,  0.6], [ 0.2, -0.8]]>
    : tensor<4x2xf32>
  %b2 = arith.constant dense<[0.05, -0.05]> : tensor<2xf32>
  %zero = arith.constant 0.0 : f32

  // Layer 1: relu6, then exporter noise around it.
  %e1 = tensor.empty() : tensor<4x4xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %mm1 = linalg.matmul ins(%x, %w1 : tensor<4x8xf32>, tensor<8x4xf32>)
                       outs(%acc1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %bb1 = linalg.broadcast ins(%b1 : tensor<4xf32>) outs(%e1 : tensor<4x4xf32>) dimensions = [0]
  %z1 = arith.addf %mm1, %bb1 : tensor<4x4xf32>
  %h1 = act.clip %z1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<4x4xf32>
  %h2 = act.clip %h1 {min = 0.0 : f64} : tensor<4x4xf32>
  %h3 = act.relu %h2 : tensor<4x4xf32>

  // Layer 2: gelu, a leaky_relu that is really a relu, and a sigmoid head.
  %e2 = tensor.empty() : tensor<4x2xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %mm2 = linalg.matmul ins(%h3, %w2 : tensor<4x4xf32>, tensor<4x2xf32>)
                       outs(%acc2 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %bb2 = linalg.broadcast ins(%b2 : tensor<2xf32>) outs(%e2 : tensor<4x2xf32>) dimensions = [0]
  %z2 = arith.addf %mm2, %bb2 : tensor<4x2xf32>
  %g = act.gelu %z2 : tensor<4x2xf32>
  %l = act.leaky_relu %g {alpha = 0.0 : f64} : tensor<4x2xf32>
  %r = act.relu %l : tensor<4x2xf32>
  %y = act.sigmoid %r : tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
