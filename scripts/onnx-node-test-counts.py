#!/usr/bin/python3
"""Runs the ONNX backend tests (test/ONNX/NodeTests and ModelTests, lit test
formats) and prints the tables of docs/onnx.md: node tests per operator,
model tests per directory, then every UNSUPPORTED case with its reason.

  onnx-node-test-counts.py [BUILD_DIR]      (default: build)
"""
import collections
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
status_code = 0
for suite, column in (("NodeTests", "operator"), ("ModelTests", "directory")):
    result = subprocess.run(
        ["/usr/lib/llvm-22/bin/lit", "-a",
         os.path.join(build, "test", "ONNX", suite)],
        capture_output=True, text=True)
    status_code |= result.returncode
    lines = result.stdout.splitlines()
    counts = collections.defaultdict(collections.Counter)
    unsupported = []
    for index, line in enumerate(lines):
        match = re.match(r"^(PASS|FAIL|UNSUPPORTED): act-mlir :: "
                         r"ONNX/%s/([\w-]+)/(\S+)" % suite, line)
        if not match:
            continue
        status, group, case = match.groups()
        counts[group][status] += 1
        if status == "UNSUPPORTED":
            unsupported.append((case, lines[index + 1]))
    total = collections.Counter()
    print("%s:\n" % suite)
    print("| %s | passed | failed | unsupported |" % column)
    print("|---|---|---|---|")
    for group in sorted(counts):
        total.update(counts[group])
        c = counts[group]
        print("| %s | %d | %d | %d |" % (group, c["PASS"], c["FAIL"],
                                         c["UNSUPPORTED"]))
    print("| **total** | **%d** | **%d** | **%d** |" %
          (total["PASS"], total["FAIL"], total["UNSUPPORTED"]))
    print()
    for case, reason in sorted(unsupported):
        print("- `%s`: %s" % (case, reason))
    print()
sys.exit(status_code)
