#!/usr/bin/python3
"""The bundled ONNX models (examples/mlp.onnx, examples/cnn.onnx) and their
NumPy reference.

  gen-onnx-examples.py write [DIR]            write mlp.onnx and cnn.onnx (default: examples/)
  gen-onnx-examples.py input MODEL OUT.npy    a seeded random input for MODEL (mlp or cnn)
  gen-onnx-examples.py check MODEL.onnx IN.npy OUT.npy
                                              compare act-run's output with the NumPy reference

The models are built with the onnx Python helper, weights from a fixed seed,
at opset 17 (the newest that Debian's ONNX 1.12 checks):

  mlp: x[batch, 16] -> Gemm(32, transB) + Relu -> MatMul + Add (PyTorch's
       Linear export) + Tanh -> Gemm(10, transB) -> Softmax
  cnn: x[1, 3, 16, 16] -> Conv 3x3 (no bias) + BatchNormalization + Relu
       -> MaxPool 2x2 -> Conv 3x3 + BatchNormalization + Relu
       -> GlobalAveragePool -> Flatten -> Gemm(32) + Relu -> Gemm(10)

The reference in `check` reads the weights from the model file and computes
in float64 with NumPy (BatchNormalization as written in the ONNX spec, not
folded), so it checks the importer's BN folding too. Tolerance: |got -
want| <= 1e-5 + 1e-4 * |want| per element.

Needs Debian's /usr/bin/python3 with python3-onnx and python3-numpy.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
RTOL = 1e-4
ATOL = 1e-5


def tensor(rng, name, shape, scale=1.0, low=None):
    if low is not None:
        values = rng.uniform(low, low + scale, size=shape)
    else:
        values = rng.standard_normal(shape) * scale
    return numpy_helper.from_array(values.astype(np.float32), name)


def make_mlp():
    rng = np.random.default_rng(7)
    inits = [
        tensor(rng, "fc1.weight", (32, 16), 0.25),
        tensor(rng, "fc1.bias", (32,), 0.1),
        tensor(rng, "fc2.weight_t", (32, 32), 0.18),
        tensor(rng, "fc2.bias", (32,), 0.1),
        tensor(rng, "fc3.weight", (10, 32), 0.18),
        tensor(rng, "fc3.bias", (10,), 0.1),
    ]
    nodes = [
        helper.make_node("Gemm", ["x", "fc1.weight", "fc1.bias"], ["h1"],
                         name="fc1", transB=1),
        helper.make_node("Relu", ["h1"], ["a1"], name="relu1"),
        helper.make_node("MatMul", ["a1", "fc2.weight_t"], ["h2"], name="fc2"),
        helper.make_node("Add", ["h2", "fc2.bias"], ["h2b"], name="fc2_bias"),
        helper.make_node("Tanh", ["h2b"], ["a2"], name="tanh2"),
        helper.make_node("Gemm", ["a2", "fc3.weight", "fc3.bias"], ["logits"],
                         name="fc3", transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], name="softmax",
                         axis=-1),
    ]
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 16])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT,
                                       ["batch", 10])],
        inits)
    return helper.make_model(graph, producer_name="act-mlir gen-onnx-examples",
                             opset_imports=[helper.make_opsetid("", OPSET)])


def batchnorm(rng, prefix, channels):
    return [
        tensor(rng, prefix + ".weight", (channels,), 1.0, low=0.5),
        tensor(rng, prefix + ".bias", (channels,), 0.1),
        tensor(rng, prefix + ".running_mean", (channels,), 0.1),
        tensor(rng, prefix + ".running_var", (channels,), 1.0, low=0.5),
    ]


def make_cnn():
    rng = np.random.default_rng(11)
    inits = [tensor(rng, "conv1.weight", (8, 3, 3, 3), 0.3)]
    inits += batchnorm(rng, "bn1", 8)
    inits += [tensor(rng, "conv2.weight", (16, 8, 3, 3), 0.15),
              tensor(rng, "conv2.bias", (16,), 0.1)]
    inits += batchnorm(rng, "bn2", 16)
    inits += [tensor(rng, "fc1.weight", (32, 16), 0.3),
              tensor(rng, "fc1.bias", (32,), 0.1),
              tensor(rng, "fc2.weight", (10, 32), 0.2),
              tensor(rng, "fc2.bias", (10,), 0.1)]

    def bn(name, x, y, prefix):
        return helper.make_node(
            "BatchNormalization",
            [x, prefix + ".weight", prefix + ".bias", prefix + ".running_mean",
             prefix + ".running_var"], [y], name=name, epsilon=1e-5)

    nodes = [
        helper.make_node("Conv", ["x", "conv1.weight"], ["c1"], name="conv1",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        bn("bn1", "c1", "b1", "bn1"),
        helper.make_node("Relu", ["b1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "conv2.weight", "conv2.bias"], ["c2"],
                         name="conv2", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        bn("bn2", "c2", "b2", "bn2"),
        helper.make_node("Relu", ["b2"], ["r2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["r2"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "fc1.weight", "fc1.bias"], ["h"],
                         name="fc1", transB=1),
        helper.make_node("Relu", ["h"], ["a"], name="relu3"),
        helper.make_node("Gemm", ["a", "fc2.weight", "fc2.bias"], ["logits"],
                         name="fc2", transB=1),
    ]
    graph = helper.make_graph(
        nodes, "cnn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10])],
        inits)
    return helper.make_model(graph, producer_name="act-mlir gen-onnx-examples",
                             opset_imports=[helper.make_opsetid("", OPSET)])


MODELS = {"mlp": make_mlp, "cnn": make_cnn}
INPUT_SHAPES = {"mlp": (4, 16), "cnn": (1, 3, 16, 16)}


#
# NumPy reference (float64), one function per ONNX op used above.
#

def conv2d(x, w, b, pad):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = h - kh + 1, wd - kw + 1
    y = np.zeros((n, f, oh, ow))
    for i in range(kh):
        for j in range(kw):
            y += np.einsum("nchw,fc->nfhw", x[:, :, i:i + oh, j:j + ow],
                           w[:, :, i, j])
    if b is not None:
        y += b[None, :, None, None]
    return y


def reference(model, x):
    weights = {init.name: numpy_helper.to_array(init).astype(np.float64)
               for init in model.graph.initializer}
    values = {model.graph.input[0].name: x.astype(np.float64)}
    for node in model.graph.node:
        ins = [values[i] if i in values else weights[i] for i in node.input]
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        op = node.op_type
        if op == "Gemm":
            w = ins[1].T if attrs.get("transB", 0) else ins[1]
            out = ins[0] @ w + ins[2]
        elif op == "MatMul":
            out = ins[0] @ ins[1]
        elif op == "Add":
            out = ins[0] + ins[1]
        elif op == "Relu":
            out = np.maximum(ins[0], 0)
        elif op == "Tanh":
            out = np.tanh(ins[0])
        elif op == "Softmax":
            e = np.exp(ins[0] - ins[0].max(axis=-1, keepdims=True))
            out = e / e.sum(axis=-1, keepdims=True)
        elif op == "Conv":
            out = conv2d(ins[0], ins[1], ins[2] if len(ins) > 2 else None,
                         attrs["pads"][0])
        elif op == "BatchNormalization":
            scale, bias, mean, var = (v[None, :, None, None] for v in ins[1:])
            out = (ins[0] - mean) / np.sqrt(var + attrs["epsilon"]) * scale + bias
        elif op == "MaxPool":
            n, c, h, w = ins[0].shape
            out = ins[0].reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))
        elif op == "GlobalAveragePool":
            out = ins[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            out = ins[0].reshape(ins[0].shape[0], -1)
        else:
            raise SystemExit("reference: no implementation of " + op)
        values[node.output[0]] = out
    return values[model.graph.output[0].name]


def main(argv):
    if len(argv) >= 1 and argv[0] == "write":
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out_dir = argv[1] if len(argv) > 1 else os.path.join(root, "examples")
        os.makedirs(out_dir, exist_ok=True)
        for name, make in MODELS.items():
            model = make()
            onnx.checker.check_model(model)
            with open(os.path.join(out_dir, name + ".onnx"), "wb") as f:
                f.write(model.SerializeToString())
        return 0
    if len(argv) == 3 and argv[0] == "input":
        rng = np.random.default_rng(1)
        x = rng.uniform(-1, 1, size=INPUT_SHAPES[argv[1]]).astype(np.float32)
        np.save(argv[2], x)
        return 0
    if len(argv) == 4 and argv[0] == "check":
        model = onnx.load(argv[1])
        x = np.load(argv[2])
        got = np.load(argv[3]).astype(np.float64)
        want = reference(model, x)
        if got.shape != want.shape:
            print("shape %s, reference %s" % (got.shape, want.shape))
            return 1
        error = np.abs(got - want)
        bound = ATOL + RTOL * np.abs(want)
        over = int((error > bound).sum())
        print("check: %d values, max abs error %.3g, %d over the bound "
              "(atol=%g rtol=%g)" % (got.size, error.max(), over, ATOL, RTOL))
        return 1 if over else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
