#!/usr/bin/python3
"""Citations: every path a tracked file cites must lie inside the repository and exist.

A clone must be self-contained: a comment, README or test that points at a
document outside the repository (the workspace it was written in, a sibling
checkout) sends its reader to a file the clone does not have.  Every tracked
text file is read and three kinds of citation are checked:

  workspace   an absolute path into the workspace (/work/...) or its shared
              folder of research notes and data: always a failure;
  relative    a "../" path, resolved against the citing file's folder: a
              failure when it leaves the repository or names nothing there;
  repository  a path that starts with one of the repository's top-level
              folders (src/, doc/, test/ ...) and ends in a file extension, a
              "/" or a glob: a failure when no tracked file matches it;
  link        the target of a Markdown link, resolved against the citing
              file's folder: a failure when it names nothing.
A "#anchor" after a Markdown file (or alone, in a link) must name one of
its headings.

Before scanning, the rules are run on a few lines known to be good or bad
(SELF_TEST), so a rule that stops matching fails here too.  Prints each
problem as "file:line: ..." and ends with "citations: N passed, N failed"
(N passed counts the citations that resolve and the self-test lines).
"""
import argparse
import fnmatch
import os
import posixpath
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import harness  # noqa: E402

# This file states the patterns it looks for, so it is not scanned itself;
# SELF_TEST below proves the patterns.
SELF = "test/citations/check_citations.py"

WORKSPACE = re.compile(r"(?<![\w.-])/work/[\w./-]*|(?<![\w-])shared/(?:spec|golden|style|seed|hooks)\b[\w./-]*")
RELATIVE = re.compile(r"(?<![\w.])\.\./[\w./*-]*")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
GLOB_CHARS = set("*?[")


def repository_pattern(top_dirs):
    names = "|".join(re.escape(d) for d in sorted(top_dirs, key=len, reverse=True))
    return re.compile(r"(?<![\w./-])((?:%s)/[\w./*-]*)(#[\w-]+)?" % names)


def heading_anchors(text):
    """GitHub's anchors for the Markdown headings of text."""
    anchors = set()
    for line in text.splitlines():
        match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            title = re.sub(r"[`*]", "", match.group(1)).strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


class Repository:
    def __init__(self, root, files):
        self.root = root
        self.files = set(files)
        self.dirs = {posixpath.dirname(f) for f in files}
        for d in list(self.dirs):
            while d:
                d = posixpath.dirname(d)
                self.dirs.add(d)
        self.top_dirs = {f.split("/", 1)[0] for f in files if "/" in f}
        self.pattern = repository_pattern(self.top_dirs)

    def text(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()

    def resolves(self, path, anchor=None):
        """None if path (repository-relative) names tracked files, else the problem."""
        path = path.rstrip("/") if path.endswith("/") and path != "/" else path
        if GLOB_CHARS & set(path):
            if any(fnmatch.fnmatchcase(f, path) for f in self.files):
                return None
            return "matches no tracked file"
        if path.endswith(".o") and path[:-2] + ".c" in self.files:
            return None                     # an object file built from a tracked source
        if path not in self.files and path not in self.dirs:
            return "does not exist"
        if anchor and path.endswith(".md") and anchor[1:] not in heading_anchors(self.text(path)):
            return f"has no heading for {anchor}"
        return None


def cited_path(token):
    """A token as a path: without the punctuation that ends a sentence or a code span."""
    return token.rstrip(".,:;)`'\"")


def looks_like_file(path):
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return path.endswith("/") or bool(GLOB_CHARS & set(path)) or re.search(r"\.\w+$", last)


def check_text(repo, path, text):
    """(citations that resolve, [problems]) of one file's text."""
    good, problems = 0, []
    folder = posixpath.dirname(path)
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{number}"
        for match in WORKSPACE.finditer(line):
            problems.append(f"{where}: {match.group(0)} is outside the repository")
        for match in RELATIVE.finditer(line):
            token = cited_path(match.group(0))
            target = posixpath.normpath(posixpath.join(folder, token))
            if target == ".." or target.startswith("../"):
                problems.append(f"{where}: {token} leaves the repository")
            elif (problem := repo.resolves(target if target != "." else "")) and looks_like_file(token):
                problems.append(f"{where}: {token} ({target}) {problem}")
            else:
                good += 1
        for match in repo.pattern.finditer(line):
            token = cited_path(match.group(1))
            if not looks_like_file(token) and token not in repo.files:
                continue
            problem = repo.resolves(token, match.group(2))
            if problem:
                problems.append(f"{where}: {token}{match.group(2) or ''} {problem}")
            else:
                good += 1
        if not path.endswith(".md"):
            continue
        for match in MARKDOWN_LINK.finditer(line):
            target, _, anchor = match.group(1).partition("#")
            if re.match(r"[a-z]+:", target) or target.startswith("/"):
                continue                    # a web address, or absolute (the workspace rule)
            resolved = posixpath.normpath(posixpath.join(folder, target)) if target else path
            problem = ("leaves the repository" if resolved == ".." or resolved.startswith("../")
                       else repo.resolves(resolved, "#" + anchor if anchor else None))
            if problem:
                problems.append(f"{where}: link {match.group(1)} {problem}")
            else:
                good += 1
    return good, problems


# (text, file it stands in, how many problems the rules must find)
SELF_TEST = [
    # (the workspace's folder is spelt in two pieces, so that this file cites nothing itself)
    ("see ../shared/" "spec/prefect-history-semantics.md", "README.md", 2),
    ("-- Source: /work/shared/" "spec/prefect-postgres-schema.md", "test/fixtures/prefect_schema.sql", 1),
    ("Reads shared/golden/prefect_answers.jsonl.gz", "test/golden/check_golden.py", 1),
    ("source ../../../scripts/common.sh", "test/mutation/run.sh", 1),
    ("source ../../scripts/common.sh", "test/mutation/run.sh", 0),
    ("details in doc/no_such_page.md.", "README.md", 1),
    ("see test/run_tests.sh", "Makefile", 1),
    ("the suites in test/reliability/*.py and src/*.c", "README.md", 0),
    ("each *.nothing in src/*.nothing", "README.md", 1),
    ("expected/next scheduled start times", "test/fixtures/README.md", 0),
    ("objects: src/request.o", "Makefile", 0),
    ("[the filters](filters.md#no-such-heading) and [errors](errors.md)", "doc/README.md", 1),
    ("[a page](missing.md), [the web](https://www.prefect.io)", "doc/README.md", 1),
]


def self_test(repo):
    passed, failed = 0, 0
    for text, path, expected in SELF_TEST:
        _, problems = check_text(repo, path, text)
        if len(problems) == expected:
            passed += 1
        else:
            failed += 1
            print(f"citations: self-test: {text!r} in {path}: {len(problems)} problems, expected {expected}: "
                  f"{problems}")
    return passed, failed


def tracked_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True,
                             capture_output=True).stdout.decode()
        return [f for f in out.split("\0") if f and os.path.isfile(os.path.join(root, f))]
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("citations: needs a git checkout of the repository (git ls-files)")


def main():
    parser = harness.arguments(__doc__, dsn=False)
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(HERE)),
                        help="the repository's root (default: the one holding this file)")
    args = parser.parse_args()
    repo = Repository(args.repo, tracked_files(args.repo))
    passed, failed = self_test(repo)
    for path in sorted(repo.files):
        if path == SELF:
            continue
        try:
            text = repo.text(path)
        except UnicodeDecodeError:
            continue                        # binary data (compressed fixtures)
        good, problems = check_text(repo, path, text)
        passed += good
        failed += len(problems)
        for problem in problems:
            print(problem)
    return harness.verdict("citations", passed, failed)


if __name__ == "__main__":
    sys.exit(main())
