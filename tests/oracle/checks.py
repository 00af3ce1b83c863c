"""checks.py - the pass/fail tally the CLI tests share (not a test).

check(cond, what) counts a check and prints "FAIL: what" when cond is
false; finish() prints the closing "N passed, N failed" line and exits 1
when anything failed.
"""
import sys

_tally = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        _tally["passed"] += 1
    else:
        _tally["failed"] += 1
        print("FAIL:", what)


def finish():
    print(f"{_tally['passed']} passed, {_tally['failed']} failed")
    sys.exit(1 if _tally["failed"] else 0)
