#!/usr/bin/env bash
# The README's second command (and CI's): set up, build, run every test
# (lit for IR and execution, ctest for the GoogleTest units and doc checks),
# and end with one line "N passed, N failed" counting both suites.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ACT_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }

LIT_XML="$BUILD/lit-results.xml"
CTEST_XML="$BUILD/ctest-results.xml"
rm -f "$LIT_XML" "$CTEST_XML"

echo "== lit"
/usr/lib/llvm-22/bin/lit -sv "$BUILD/test" --xunit-xml-output "$LIT_XML"
lit_status=$?

echo "== ctest"
ctest --test-dir "$BUILD" --output-on-failure -j2 --output-junit "$CTEST_XML"
ctest_status=$?

python3 - "$LIT_XML" "$CTEST_XML" "$lit_status" "$ctest_status" <<'PY'
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for path in sys.argv[1:3]:
    try:
        cases = ET.parse(path).getroot().iter("testcase")
    except (OSError, ET.ParseError):
        failed += 1  # the suite did not produce results at all
        continue
    for case in cases:
        if case.find("skipped") is not None:
            continue
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        else:
            passed += 1
# A runner that failed without reporting a failing case still counts.
if failed == 0 and any(int(status) != 0 for status in sys.argv[3:5]):
    failed = 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
