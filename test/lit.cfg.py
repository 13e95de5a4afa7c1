# -*- Python -*-
# lit configuration of act-mlir's IR tests.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "act-mlir"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
# examples/ holds inputs, not tests: test/Examples runs them.
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.act_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.act_tools_dir, config.llvm_tools_dir]
tools = ["act-opt", "act-run", "act-numerics", "act-import-onnx", "mlir-runner", "mlir-translate", "mlir-tblgen"]
# The benchmark baselines are optional (oneDNN and OpenBLAS found by CMake).
if os.path.exists(os.path.join(config.act_tools_dir, "act-bench-baseline")):
    config.available_features.add("bench-baseline")
    tools.append("act-bench-baseline")
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Runtime libraries of mlir-runner (printMemrefF32 and friends).
config.substitutions.append(("%mlir_lib_dir", config.llvm_lib_dir))
config.substitutions.append(("%act_src_root", config.act_src_root))
