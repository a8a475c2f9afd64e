#!/usr/bin/python3
"""The files packagers read agree with each other and with the scripts.

  * LICENSE is the PostgreSQL Licence, and META.json says so;
  * META.json has every key the PGXN Meta Spec 1.0.0 requires (no validator
    is packaged in Debian), its version and provided extension agree with
    flow_history.control and the scripts;
  * CHANGELOG.md has one section per version with a full script, newest (the
    default version) first;
  * every version after the first has an upgrade script from the one before,
    every upgrade script leads to a version that has a full script;
  * a trusted extension's scripts contain nothing that would let the
    installing non-superuser gain: no SECURITY DEFINER, no CREATE OR REPLACE
    and no IF NOT EXISTS (which would adopt an object planted beforehand).

Usage: check_files.py REPO.  Last line: "files: N passed, N failed".
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extension  # noqa: E402

# PGXN Meta Spec 1.0.0, "Structure": the required top-level keys, and the
# keys each entry of "provides" requires.
REQUIRED_KEYS = {"abstract", "license", "maintainer", "meta-spec", "name", "provides", "version"}
REQUIRED_PROVIDES_KEYS = {"file", "version"}
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+)?")
LICENCE_TEXT = ("Permission to use, copy, modify, and distribute this software and its\n"
                "documentation for any purpose, without fee, and without a written agreement is\n"
                "hereby granted")
UNSAFE_IN_TRUSTED = {
    "SECURITY DEFINER": re.compile(r"\bSECURITY\s+DEFINER\b", re.I),
    "CREATE OR REPLACE": re.compile(r"\bCREATE\s+OR\s+REPLACE\b", re.I),
    "IF NOT EXISTS": re.compile(r"\bIF\s+NOT\s+EXISTS\b", re.I),
}


def semver(version):
    """The semantic version PGXN wants for an extension version: 1.0 is 1.0.0."""
    parts = version.split(".")
    return ".".join(parts + ["0"] * (3 - len(parts)))


def without_comments(sql):
    return re.sub(r"--[^\n]*", "", sql)


def main():
    repo = sys.argv[1]
    results = extension.Results()
    control = extension.read_control(repo)
    default = control["default_version"]
    full_versions, upgrades = extension.scripts(repo)

    with open(os.path.join(repo, "LICENSE"), encoding="utf-8") as licence:
        licence_text = licence.read()
    results.check(licence_text.startswith("PostgreSQL License") and LICENCE_TEXT in licence_text,
                  "LICENSE is the PostgreSQL Licence")

    with open(os.path.join(repo, "META.json"), encoding="utf-8") as meta_file:
        meta = json.load(meta_file)
    missing = REQUIRED_KEYS - set(meta)
    results.check(not missing, "META.json has the required keys", f"missing {sorted(missing)}")
    results.check(meta.get("meta-spec", {}).get("version") == "1.0.0", "META.json follows meta-spec 1.0.0")
    results.check(meta.get("name") == extension.EXTENSION, "META.json names the extension")
    results.check(meta.get("license") == "postgresql", "META.json's licence is the PostgreSQL Licence",
                  repr(meta.get("license")))
    results.check(isinstance(meta.get("maintainer"), (str, list)) and bool(meta.get("maintainer")),
                  "META.json names a maintainer")
    results.check(SEMVER.fullmatch(str(meta.get("version", ""))) is not None,
                  "META.json's version is a semantic version", repr(meta.get("version")))
    results.check(meta.get("version") == semver(default),
                  "META.json's version is the control file's default_version",
                  f"{meta.get('version')} vs {default}")
    provided = meta.get("provides", {}).get(extension.EXTENSION, {})
    missing = REQUIRED_PROVIDES_KEYS - set(provided)
    results.check(not missing, "META.json provides the extension with file and version",
                  f"missing {sorted(missing)}")
    results.check(provided.get("version") == semver(default),
                  "META.json's provided version is the default version", repr(provided.get("version")))
    results.check(provided.get("file") == f"{extension.EXTENSION}--{default}.sql"
                  and os.path.isfile(os.path.join(repo, str(provided.get("file")))),
                  "META.json's provided file is the default version's full script", repr(provided.get("file")))
    docfile = provided.get("docfile")
    results.check(docfile is None or os.path.isfile(os.path.join(repo, docfile)),
                  "META.json's docfile exists", repr(docfile))

    with open(os.path.join(repo, "CHANGELOG.md"), encoding="utf-8") as changelog:
        logged = re.findall(r"^## ([0-9][0-9.]*)\b", changelog.read(), re.M)
    results.check(bool(logged) and logged[0] == default,
                  "CHANGELOG.md's newest section is the default version", f"{logged[:1]} vs {default}")
    results.check(sorted(logged, key=extension.version_key) == full_versions,
                  "CHANGELOG.md has one section per version with a full script",
                  f"sections {logged}, full scripts {full_versions}")

    results.check(default in full_versions, f"the default version {default} has a full script")
    for previous, version in zip(full_versions, full_versions[1:]):
        results.check((previous, version) in upgrades, f"an upgrade script from {previous} to {version}")
    for (source, target), name in sorted(upgrades.items()):
        results.check(source in full_versions and target in full_versions,
                      f"{name} goes between versions that have full scripts")

    if control.get("trusted") == "true":
        names = [f"{extension.EXTENSION}--{v}.sql" for v in full_versions] + sorted(upgrades.values())
        for name in names:
            with open(os.path.join(repo, name), encoding="utf-8") as script:
                sql = without_comments(script.read())
            found = [what for what, pattern in UNSAFE_IN_TRUSTED.items() if pattern.search(sql)]
            results.check(not found, f"{name} is safe for a trusted extension", f"contains {found}")

    print(f"files: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
