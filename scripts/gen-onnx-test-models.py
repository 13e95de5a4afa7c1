#!/usr/bin/python3
"""Writes the small ONNX models (and TensorProto inputs) of the importer's lit
tests (test/ONNX/Inputs/), good ones and bad ones, deterministically:

  gen-onnx-test-models.py [DIR]     (default: test/ONNX/Inputs)

test/ONNX/inputs-up-to-date.test regenerates them and compares with the
checked-in files. Needs Debian's /usr/bin/python3 with python3-onnx.
"""

import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

FLOAT = TensorProto.FLOAT


def value(name, shape, elem=FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def model(nodes, inputs, outputs, inits=(), opset=17, extra_opsets=()):
    graph = helper.make_graph(nodes, "test", inputs, outputs, list(inits))
    opsets = [helper.make_opsetid("", opset)] + [
        helper.make_opsetid(domain, version) for domain, version in extra_opsets]
    return helper.make_model(graph, producer_name="gen-onnx-test-models",
                             opset_imports=opsets)


def activations():
    """Every activation of opset 17 on x[2, 3], one output each."""
    specs = [
        ("Relu", {}), ("LeakyRelu", {"alpha": 0.1}), ("Elu", {"alpha": 0.5}),
        ("Selu", {}), ("Celu", {"alpha": 2.0}),
        ("HardSigmoid", {"alpha": 0.25, "beta": 0.4}), ("HardSwish", {}),
        ("Sigmoid", {}), ("Tanh", {}), ("Softplus", {}), ("Softsign", {}),
        ("ThresholdedRelu", {"alpha": 0.5}),
    ]
    nodes, outputs = [], []
    for op, attrs in specs:
        name = op.lower()
        nodes.append(helper.make_node(op, ["x"], [name], name=name, **attrs))
        outputs.append(value(name, [2, 3]))
    nodes.append(helper.make_node("Clip", ["x", "lo", "hi"], ["clip"],
                                  name="clip"))
    nodes.append(helper.make_node("PRelu", ["x", "slope"], ["prelu"],
                                  name="prelu"))
    outputs += [value("clip", [2, 3]), value("prelu", [2, 3])]
    inits = [const("lo", np.float32(0.0)), const("hi", np.float32(6.0)),
             const("slope", np.array([0.1, 0.2, 0.3], np.float32))]
    return model(nodes, [value("x", [2, 3])], outputs, inits)


def newer_activations():
    """Gelu (opset 20) and Mish (opset 18), newer than ONNX 1.12."""
    nodes = [helper.make_node("Gelu", ["x"], ["gelu"], name="gelu"),
             helper.make_node("Gelu", ["x"], ["gelu_tanh"], name="gelu_tanh",
                              approximate="tanh"),
             helper.make_node("Mish", ["x"], ["mish"], name="mish")]
    return model(nodes, [value("x", [4])],
                 [value(n, [4]) for n in ("gelu", "gelu_tanh", "mish")],
                 opset=20)


def single(op, inputs, outputs, inits=(), opset=17, name=None, **attrs):
    node = helper.make_node(op, [i.name for i in inputs] +
                            [i.name for i in inits], [o.name for o in outputs],
                            name=name or op.lower(), **attrs)
    return model([node], list(inputs), list(outputs), inits, opset)


def gemm():
    return single("Gemm", [value("a", [4, 3]), value("b", [5, 4]),
                           value("c", [5])], [value("y", [3, 5])],
                  alpha=0.5, beta=2.0, transA=1, transB=1)


def matmul_batch():
    return single("MatMul", [value("a", [2, 3, 4]), value("b", [4, 5])],
                  [value("y", [2, 3, 5])])


def conv_grouped():
    rng = np.random.default_rng(3)
    return single("Conv", [value("x", [1, 4, 8, 8])], [value("y", [1, 6, 4, 4])],
                  [const("w", rng.standard_normal((6, 2, 3, 3)).astype(np.float32)),
                   const("b", rng.standard_normal(6).astype(np.float32))],
                  group=2, strides=[2, 2], pads=[1, 1, 1, 1])


def conv_1d():
    rng = np.random.default_rng(4)
    return single("Conv", [value("x", [1, 2, 10])], [value("y", [1, 3, 3])],
                  [const("w", rng.standard_normal((3, 2, 3)).astype(np.float32))],
                  strides=[2], dilations=[2])


def conv_bn_relu():
    rng = np.random.default_rng(5)
    f32 = lambda a: np.asarray(a, np.float32)
    inits = [const("w", f32(rng.standard_normal((4, 2, 3, 3)))),
             const("scale", f32([1.0, 2.0, 0.5, 1.5])),
             const("shift", f32([0.1, -0.1, 0.2, 0.0])),
             const("mean", f32([0.0, 0.5, -0.5, 1.0])),
             const("var", f32([1.0, 4.0, 0.25, 2.0]))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv",
                              pads=[1, 1, 1, 1]),
             helper.make_node("BatchNormalization",
                              ["c", "scale", "shift", "mean", "var"], ["bn"],
                              name="bn"),
             helper.make_node("Relu", ["bn"], ["y"], name="relu")]
    return model(nodes, [value("x", [1, 2, 5, 5])], [value("y", [1, 4, 5, 5])],
                 inits)


def constant_subgraph():
    """W = Reshape(Transpose(w0), [3, 2]) from initializers only, then MatMul."""
    inits = [const("w0", np.arange(6, dtype=np.float32).reshape(2, 3)),
             const("shape", np.array([3, 2], np.int64))]
    nodes = [helper.make_node("Transpose", ["w0"], ["wt"], name="transpose"),
             helper.make_node("Reshape", ["wt", "shape"], ["w"], name="reshape"),
             helper.make_node("Constant", [], ["two"], name="two",
                              value=const("", np.float32(2.0))),
             helper.make_node("Mul", ["w", "two"], ["w2"], name="scale"),
             helper.make_node("MatMul", ["x", "w2"], ["y"], name="matmul")]
    return model(nodes, [value("x", [4, 3])], [value("y", [4, 2])], inits)


def broadcast_add():
    return single("Add", [value("x", [2, 3, 4]), value("b", [3, 1])],
                  [value("y", [2, 3, 4])])


def symbolic_batch():
    return single("Relu", [value("x", ["batch", 4])], [value("y", ["batch", 4])])


def large_constant():
    return single("Add", [value("x", [100])], [value("y", [100])],
                  [const("bias", np.linspace(0, 1, 100).astype(np.float32))])


def pools():
    nodes = [helper.make_node("MaxPool", ["x"], ["max"], name="maxpool",
                              kernel_shape=[3, 3], strides=[2, 2],
                              pads=[1, 1, 1, 1]),
             helper.make_node("AveragePool", ["x"], ["avg"], name="avgpool",
                              kernel_shape=[3, 3], strides=[2, 2],
                              pads=[1, 1, 1, 1]),
             helper.make_node("GlobalAveragePool", ["x"], ["gap"], name="gap")]
    return model(nodes, [value("x", [1, 2, 6, 6])],
                 [value("max", [1, 2, 3, 3]), value("avg", [1, 2, 3, 3]),
                  value("gap", [1, 2, 1, 1])])


def softmax():
    return single("Softmax", [value("x", [2, 5])], [value("y", [2, 5])], axis=1)


def typed_network(elem, dtype):
    """Conv + Relu + MaxPool + Flatten + Gemm + Sigmoid in one float type,
    the same weights for every type."""
    rng = np.random.default_rng(8)
    w = rng.standard_normal((4, 3, 3, 3)) * 0.3
    b = rng.standard_normal(4) * 0.1
    w2 = rng.standard_normal((5, 64)) * 0.2
    inits = [const("w", w.astype(dtype)), const("b", b.astype(dtype)),
             const("w2", w2.astype(dtype))]
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv",
                              pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("MaxPool", ["r"], ["p"], name="pool",
                              kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
             helper.make_node("Gemm", ["f", "w2"], ["g"], name="fc", transB=1),
             helper.make_node("Sigmoid", ["g"], ["y"], name="sigmoid")]
    return model(nodes, [value("x", [1, 3, 8, 8], elem)],
                 [value("y", [1, 5], elem)], inits)


# Bad models: each gives one error.

def unsupported_op():
    return single("Abs", [value("x", [3])], [value("y", [3])], name="abs1")


def unsupported_attribute_value():
    return single("Celu", [value("x", [3])], [value("y", [3])], name="celu1",
                  alpha=-1.0)


def unsupported_gelu_approximation():
    return single("Gelu", [value("x", [3])], [value("y", [3])], opset=20,
                  name="gelu1", approximate="erf")


def unsupported_type():
    return single("Relu", [value("x", [3], TensorProto.INT32)],
                  [value("y", [3], TensorProto.INT32)], name="relu_int")


def unsupported_domain():
    node = helper.make_node("FusedGemm", ["x"], ["y"], name="fused",
                            domain="com.microsoft")
    return model([node], [value("x", [3])], [value("y", [3])],
                 extra_opsets=[("com.microsoft", 1)])


def ir_version_10():
    """What onnx >= 1.16 writes for opset 21: IR version 10."""
    m = single("Relu", [value("x", [3])], [value("y", [3])], opset=21)
    m.ir_version = 10
    return m


def ir_version_11():
    m = single("Relu", [value("x", [3])], [value("y", [3])], opset=21)
    m.ir_version = 11
    return m


def unsupported_opset():
    return single("Relu", [value("x", [3])], [value("y", [3])], opset=22)


def conv_3d():
    return single("Conv", [value("x", [1, 1, 4, 4, 4])],
                  [value("y", [1, 1, 2, 2, 2])],
                  [const("w", np.ones((1, 1, 3, 3, 3), np.float32))],
                  name="conv3d")


def batchnorm_training():
    inits = [const(n, np.ones(2, np.float32))
             for n in ("scale", "shift", "mean", "var")]
    node = helper.make_node("BatchNormalization",
                            ["x", "scale", "shift", "mean", "var"],
                            ["y", "running_mean", "running_var"],
                            name="bn_train", training_mode=1)
    return model([node], [value("x", [1, 2, 3])],
                 [value("y", [1, 2, 3]), value("running_mean", [2]),
                  value("running_var", [2])], inits, opset=15)


def dynamic_reshape():
    return single("Reshape", [value("x", [2, 3]),
                              value("shape", [2], TensorProto.INT64)],
                  [value("y", [3, 2])], name="reshape1")


def short_raw_data():
    """An initializer whose raw_data is one float short of its dims."""
    bias = TensorProto()
    bias.name = "bias"
    bias.data_type = FLOAT
    bias.dims.extend([4])
    bias.raw_data = np.zeros(3, np.float32).tobytes()
    return single("Add", [value("x", [4])], [value("y", [4])], [bias],
                  name="add1")


MODELS = {
    "activations": activations,
    "newer-activations": newer_activations,
    "gemm": gemm,
    "matmul-batch": matmul_batch,
    "conv-grouped": conv_grouped,
    "conv-1d": conv_1d,
    "conv-bn-relu": conv_bn_relu,
    "constant-subgraph": constant_subgraph,
    "broadcast-add": broadcast_add,
    "symbolic-batch": symbolic_batch,
    "ir-version-10": ir_version_10,
    "large-constant": large_constant,
    "pools": pools,
    "softmax": softmax,
    "types-f16": lambda: typed_network(TensorProto.FLOAT16, np.float16),
    "types-f32": lambda: typed_network(FLOAT, np.float32),
    "types-f64": lambda: typed_network(TensorProto.DOUBLE, np.float64),
    "bad-unsupported-op": unsupported_op,
    "bad-attribute-value": unsupported_attribute_value,
    "bad-gelu-approximation": unsupported_gelu_approximation,
    "bad-type": unsupported_type,
    "bad-domain": unsupported_domain,
    "bad-conv-3d": conv_3d,
    "bad-opset": unsupported_opset,
    "bad-ir-version": ir_version_11,
    "bad-batchnorm-training": batchnorm_training,
    "bad-dynamic-reshape": dynamic_reshape,
    "bad-short-raw-data": short_raw_data,
}


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = argv[0] if argv else os.path.join(root, "test", "ONNX", "Inputs")
    os.makedirs(out_dir, exist_ok=True)

    def write(name, data):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)

    for name, make in MODELS.items():
        write(name + ".onnx", make().SerializeToString())
    # Files that are not (complete) models.
    good = activations()
    data = good.SerializeToString()
    write("bad-truncated.onnx", data[: len(data) // 2])
    write("bad-empty.onnx", b"")
    write("bad-text.onnx", b"this is not an ONNX model\n")
    # Cut at a field boundary: the opset_import field is gone, so protobuf
    # parses the rest successfully and only the checker notices.
    good.ClearField("opset_import")
    write("bad-no-opset.onnx", good.SerializeToString())
    # TensorProto inputs for act-run (broadcast-add.onnx), and an empty one.
    write("add-x.pb", numpy_helper.from_array(
        np.arange(24, dtype=np.float32).reshape(2, 3, 4)).SerializeToString())
    write("add-b.pb", numpy_helper.from_array(
        np.array([[10], [20], [30]], np.float32)).SerializeToString())
    write("bad-empty.pb", b"")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
