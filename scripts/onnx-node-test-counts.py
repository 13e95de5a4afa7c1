#!/usr/bin/python3
"""Runs the ONNX backend node tests (test/ONNX/NodeTests, a lit test format)
and prints the per-operator table of docs/onnx.md, then every UNSUPPORTED
case with its reason.

  onnx-node-test-counts.py [BUILD_DIR]      (default: build)
"""
import collections
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
result = subprocess.run(
    ["/usr/lib/llvm-22/bin/lit", "-a", os.path.join(build, "test", "ONNX",
                                                    "NodeTests")],
    capture_output=True, text=True)
lines = result.stdout.splitlines()
counts = collections.defaultdict(collections.Counter)
unsupported = []
for index, line in enumerate(lines):
    match = re.match(r"^(PASS|FAIL|UNSUPPORTED): act-mlir :: "
                     r"ONNX/NodeTests/(\w+)/(\S+)", line)
    if not match:
        continue
    status, op, case = match.groups()
    counts[op][status] += 1
    if status == "UNSUPPORTED":
        unsupported.append((op, case, lines[index + 1]))
total = collections.Counter()
print("| operator | passed | failed | unsupported |")
print("|---|---|---|---|")
for op in sorted(counts):
    total.update(counts[op])
    c = counts[op]
    print("| %s | %d | %d | %d |" % (op, c["PASS"], c["FAIL"], c["UNSUPPORTED"]))
print("| **total** | **%d** | **%d** | **%d** |" %
      (total["PASS"], total["FAIL"], total["UNSUPPORTED"]))
print()
for op, case, reason in sorted(unsupported):
    print("- `%s`: %s" % (case, reason))
sys.exit(result.returncode)
