#!/usr/bin/python3
"""Valgrind memcheck logs: report the errors whose stack passes through flow_history.

Debian's server is not built for Valgrind, so PostgreSQL's own code reports
errors Valgrind's suppressions for it would hide (PostgreSQL ships those in
its source tree only).  An error is ours when a frame of its stack is in
flow_history.so or in one of src/*.c.  Prints each of ours and the count of
the others; the last line is "valgrind: N passed, N failed" (one check, or
one failure per error of ours) and the exit status 1 if there is one.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

PREFIX = re.compile(r"^==\d+==(?: (.*))?$")


def error_blocks(path):
    """Each error of a log: its lines, without the ==pid== prefix."""
    block = []
    with open(path, errors="replace") as log:
        for line in log:
            match = PREFIX.match(line.rstrip("\n"))
            text = (match.group(1) or "").strip() if match else ""
            if text:
                block.append(text)
            elif block:
                yield block
                block = []
    if block:
        yield block


def main():
    parser = harness.arguments(__doc__, dsn=False)
    parser.add_argument("log_dir", help="the folder holding valgrind.<pid>.log files")
    parser.add_argument("src_dir", help="the extension's src/ folder")
    args = parser.parse_args()
    log_dir, src_dir = args.log_dir, args.src_dir
    sources = {os.path.basename(path) for path in glob.glob(os.path.join(src_dir, "*.c"))}
    ours = others = 0
    for path in sorted(glob.glob(os.path.join(log_dir, "valgrind.*.log"))):
        for block in error_blocks(path):
            if not any(line.startswith(("at 0x", "by 0x")) for line in block):
                continue
            if any("flow_history.so" in line or
                   any(f"({source}:" in line for source in sources) for line in block):
                ours += 1
                print(f"valgrind: {os.path.basename(path)}:\n  " + "\n  ".join(block))
            else:
                others += 1
    print(f"valgrind: {ours} errors in flow_history's code, {others} elsewhere in the server")
    return harness.verdict("valgrind", 0 if ours else 1, ours)


if __name__ == "__main__":
    sys.exit(main())
