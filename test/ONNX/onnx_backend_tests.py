"""lit test formats running the ONNX backend tests that Debian ships in
libonnx-testdata (/usr/share/libonnx-testdata/data/).

- NodeTests (data/node): one lit test per case of every operator
  act-import-onnx supports (a case belongs to operator X when its model, or
  the model of the case without its `_expanded` suffix, is a single X node).
- ModelTests (data/pytorch-converted, data/pytorch-operator, data/simple):
  the small models exported from PyTorch and written by hand, one lit test
  per model whose operators are all supported.

Each test imports and compiles the model with `act-run model.onnx`, runs it
on every test_data_set_*/input_*.pb and compares each output with
output_*.pb at rtol=1e-3, atol=1e-5 (NaN where the reference has NaN). An
import that fails because something is not supported (the importer's
message says "unsupported" or "not supported") is reported UNSUPPORTED with
that message; every other failure is a FAIL.

Inputs that the importer requires to be constants (Reshape's shape, Clip's
min and max, Dropout's ratio and training_mode) are given to the model as
initializers holding the test's values: act-mlir compiles static graphs.

Runs inside lit, which is Debian's /usr/bin/python3 with python3-onnx and
python3-numpy (scripts/setup.sh installs them).
"""

import glob
import os
import re
import subprocess

import lit.formats
import lit.Test

DATA_ROOT = "/usr/share/libonnx-testdata/data"

# The operators act-import-onnx supports (docs/onnx.md).
SUPPORTED_OPS = {
    "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid",
    "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Tanh", "Mish",
    "Clip", "ThresholdedRelu", "MatMul", "Gemm", "Add", "Sub", "Mul", "Div",
    "Conv", "BatchNormalization", "MaxPool", "AveragePool",
    "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Concat",
    "Softmax", "Identity", "Constant", "Dropout", "Erf", "Exp", "Sqrt", "Pow",
}

# Node inputs that must be constants: (op type, input index).
CONSTANT_INPUTS = {("Reshape", 1), ("Clip", 1), ("Clip", 2),
                   ("Dropout", 1), ("Dropout", 2)}

RTOL = 1e-3
ATOL = 1e-5

# `error: ONNX node 'y' (Op): unsupported ...`, possibly after the model's
# path for graph-level errors.
UNSUPPORTED_RE = re.compile(
    r"^(?:\S*: )?error: (.*(?:unsupported|not supported).*)$", re.MULTILINE)


def case_operator(onnx, case_dir):
    """The operator a case tests, or None."""
    name = os.path.basename(case_dir)
    base = name[: -len("_expanded")] if name.endswith("_expanded") else name
    model_path = os.path.join(os.path.dirname(case_dir), base, "model.onnx")
    if not os.path.exists(model_path):
        return None
    try:
        model = onnx.load(model_path)
    except Exception:
        return None
    nodes = model.graph.node
    if len(nodes) != 1 or nodes[0].domain not in ("", "ai.onnx"):
        return None
    return nodes[0].op_type


def model_operator(onnx, case_dir):
    """The model's operators, as one name if they are all supported."""
    try:
        model = onnx.load(os.path.join(case_dir, "model.onnx"))
    except Exception:
        return None
    ops = {node.op_type for node in model.graph.node
           if node.domain in ("", "ai.onnx")}
    if len(ops) != len(model.graph.node) or not ops <= SUPPORTED_OPS:
        return None
    return os.path.basename(os.path.dirname(case_dir))


class OnnxBackendTest(lit.formats.TestFormat):
    """`kind` is "node" (data/node, grouped by operator) or "model"
    (the model directories, grouped by directory)."""

    MODEL_DIRS = ("pytorch-converted", "pytorch-operator", "simple")

    def __init__(self, act_run, kind):
        self.act_run = act_run
        self.kind = kind

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        try:
            import onnx  # noqa: F401
        except ImportError:
            onnx = None
        if onnx is None or not os.path.isdir(DATA_ROOT):
            # Surfaces as one failing test rather than a silently empty
            # suite.
            yield lit.Test.Test(testSuite, path_in_suite + ("setup",),
                                localConfig)
            return
        if self.kind == "node":
            dirs, group = [os.path.join(DATA_ROOT, "node")], case_operator
        else:
            dirs = [os.path.join(DATA_ROOT, d) for d in self.MODEL_DIRS]
            group = model_operator
        for data_dir in dirs:
            for case_dir in sorted(glob.glob(os.path.join(data_dir, "test_*"))):
                name = group(onnx, case_dir)
                if self.kind == "node" and name not in SUPPORTED_OPS:
                    continue
                if name is None:
                    continue
                yield lit.Test.Test(testSuite,
                                    path_in_suite + (name,
                                                     os.path.basename(case_dir)),
                                    localConfig,
                                    file_path=os.path.join(case_dir,
                                                           "model.onnx"))

    def execute(self, test, litConfig):
        try:
            import numpy as np
            import onnx
            from onnx import numpy_helper
        except ImportError as e:
            return lit.Test.FAIL, (
                "needs /usr/bin/python3 with python3-onnx and python3-numpy "
                "(scripts/setup.sh installs them): %s" % e)
        if test.path_in_suite[-1] == "setup":
            return lit.Test.FAIL, ("%s is missing: install libonnx-testdata "
                                   "(scripts/setup.sh does)" % DATA_ROOT)
        case_dir = os.path.dirname(test.getFilePath())
        exec_dir = test.getExecPath()
        os.makedirs(exec_dir, exist_ok=True)
        model = onnx.load(os.path.join(case_dir, "model.onnx"))
        initializers = {init.name for init in model.graph.initializer}
        inputs = [i for i in model.graph.input if i.name not in initializers]
        constant_names = set()
        for node in model.graph.node:
            for index, name in enumerate(node.input):
                if (node.op_type, index) in CONSTANT_INPUTS and name:
                    constant_names.add(name)

        log = []
        data_sets = sorted(glob.glob(os.path.join(case_dir, "test_data_set_*")))
        if not data_sets:
            return lit.Test.FAIL, "no test_data_set_* in " + case_dir
        for data_set in data_sets:
            tag = os.path.basename(data_set)
            run_model = onnx.ModelProto()
            run_model.CopyFrom(model)
            args = []
            for index, graph_input in enumerate(inputs):
                path = os.path.join(data_set, "input_%d.pb" % index)
                if not graph_input.type.HasField("tensor_type"):
                    return lit.Test.UNSUPPORTED, (
                        "graph input '%s' is not a tensor" % graph_input.name)
                if graph_input.name in constant_names:
                    tensor = onnx.load_tensor(path)
                    tensor.name = graph_input.name
                    run_model.graph.initializer.append(tensor)
                    continue
                args.append("--input=" + path)
            model_path = os.path.join(exec_dir, tag + ".onnx")
            onnx.save(run_model, model_path)
            out_dir = os.path.join(exec_dir, tag + "-out")
            command = [self.act_run, model_path, "--output-dir=" + out_dir] + args
            log.append("$ " + " ".join(command))
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=300)
            log.append(result.stdout + result.stderr)
            if result.returncode != 0:
                unsupported = UNSUPPORTED_RE.search(result.stderr)
                if unsupported:
                    return lit.Test.UNSUPPORTED, unsupported.group(1)
                return lit.Test.FAIL, "\n".join(log)
            outputs = sorted(glob.glob(os.path.join(data_set, "output_*.pb")))
            for index, expected_path in enumerate(outputs):
                expected = numpy_helper.to_array(onnx.load_tensor(expected_path))
                got_path = os.path.join(out_dir, "out%d.npy" % index)
                if not os.path.exists(got_path):
                    log.append("missing output %s" % got_path)
                    return lit.Test.FAIL, "\n".join(log)
                got = np.load(got_path)
                if got.shape != expected.shape:
                    log.append("%s output %d: shape %s, expected %s" %
                               (tag, index, got.shape, expected.shape))
                    return lit.Test.FAIL, "\n".join(log)
                if not np.allclose(got.astype(np.float64),
                                   expected.astype(np.float64), rtol=RTOL,
                                   atol=ATOL, equal_nan=True):
                    error = np.abs(got.astype(np.float64) -
                                   expected.astype(np.float64))
                    log.append("%s output %d differs: max abs error %g "
                               "(rtol=%g atol=%g)" %
                               (tag, index, np.nanmax(error), RTOL, ATOL))
                    return lit.Test.FAIL, "\n".join(log)
            log.append("%s: %d output(s) match" % (tag, len(outputs)))
        return lit.Test.PASS, "\n".join(log)
