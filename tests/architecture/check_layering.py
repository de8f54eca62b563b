#!/usr/bin/env python3
"""Checks that every stage of compiler/ includes only the stages it may use.

What each stage may use is read from layering.json, which the build writes
from the stage libraries' own link dependencies (compiler/CMakeLists.txt):
a file of compiler/STAGE/ may #include "OTHER/..." only if STAGE's library
links OTHER's, and a header of STAGE only if that dependency is PUBLIC (its
users see the header's includes). The graph itself must be acyclic (data
flows one way), and every folder of compiler/ must be a stage in it. Given
docs/architecture.md too, its table of libraries must say the same.

usage: check_layering.py LAYERING_JSON COMPILER_DIR [ARCHITECTURE_MD]
Exit 0 when every include is allowed; 1 with one line per violation
(path:line: ...), naming the file and line; 2 on a usage error.
"""

import json
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/([^"]*)"')
SOURCE_SUFFIXES = {".h", ".def", ".cc"}
# What a stage's users include (and so see the includes of): a .def table
# is included by headers.
HEADER_SUFFIXES = {".h", ".def"}


def load_layering(path):
    """stage -> (public set, private set), from the build's layering.json."""
    table = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    layering = {}
    for stage, uses in table.items():
        public = set(uses.get("public", []))
        private = set(uses.get("private", [])) - public
        layering[stage] = (public, private)
    return layering


def find_cycle(layering):
    """A list of stages that use each other in a circle (first == last), or None."""
    done = set()

    def visit(stage, trail):
        if stage in trail:
            return trail[trail.index(stage):] + [stage]
        if stage in done:
            return None
        public, private = layering.get(stage, (set(), set()))
        for used in sorted(public | private):
            cycle = visit(used, trail + [stage])
            if cycle:
                return cycle
        done.add(stage)
        return None

    for stage in sorted(layering):
        cycle = visit(stage, [])
        if cycle:
            return cycle
    return None


def check(layering, compiler_dir):
    """The violations, each a line of text; and how many includes were checked."""
    compiler_dir = pathlib.Path(compiler_dir)
    shown_root = compiler_dir.parent
    problems = []
    for stage, (public, private) in sorted(layering.items()):
        for used in sorted(public | private):
            if used not in layering:
                problems.append(f"layering: {stage} uses '{used}', which is no stage")
    cycle = find_cycle(layering)
    if cycle:
        problems.append("layering: the stages use each other in a circle: " + " -> ".join(cycle))

    folders = sorted(p.name for p in compiler_dir.iterdir() if p.is_dir())
    for folder in folders:
        if folder not in layering:
            problems.append(f"{(compiler_dir / folder).relative_to(shown_root)}/: a folder of compiler/ that is no stage "
                            "library (add it with profilec_stage_library)")

    checked = 0
    for stage in folders:
        if stage not in layering:
            continue
        public, private = layering[stage]
        allowed = ", ".join(sorted(public | private)) or "no other stage"
        for path in sorted((compiler_dir / stage).rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            shown = path.relative_to(shown_root)
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, start=1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                used, rest = match.groups()
                if used == stage or used not in folders:
                    continue
                checked += 1
                include = f'"{used}/{rest}"'
                if used not in public and used not in private:
                    problems.append(f"{shown}:{number}: {stage} may not include {include}: "
                                    f"{stage} uses {allowed} (compiler/{stage}/CMakeLists.txt)")
                elif path.suffix in HEADER_SUFFIXES and used not in public:
                    problems.append(f"{shown}:{number}: a header of {stage} includes {include}, but {used} is a "
                                    f"PRIVATE dependency of {stage}; make it PUBLIC "
                                    f"(compiler/{stage}/CMakeLists.txt)")
    return problems, checked


TABLE_ROW = re.compile(r"^\|\s*`profilec_([a-z]+?)(?:_core)?`\s*\|([^|]*)\|([^|]*)\|")


def documented_layering(text):
    """stage -> (public set, private set), from the "## Libraries" table of
    docs/architecture.md: a cell lists stages, each maybe followed by words."""
    layering = {}
    for line in text.splitlines():
        match = TABLE_ROW.match(line)
        if not match:
            continue
        stage = match.group(1)
        public, private = layering.setdefault(stage, (set(), set()))
        for cell, uses in ((match.group(2), public), (match.group(3), private)):
            for item in cell.split(","):
                words = item.split()
                if words and words[0] != stage:
                    uses.add(words[0])
    return layering


def check_documentation(layering, path):
    """Where the table of docs/architecture.md and the build disagree."""
    documented = documented_layering(pathlib.Path(path).read_text(encoding="utf-8"))
    problems = []
    for stage in sorted(set(layering) | set(documented)):
        if stage not in documented:
            problems.append(f"{path}: the table of libraries has no row for profilec_{stage}")
            continue
        if stage not in layering:
            problems.append(f"{path}: the table of libraries has profilec_{stage}, which the build has not")
            continue
        for kind, built, said in (("PUBLIC", layering[stage][0], documented[stage][0]),
                                  ("PRIVATE", layering[stage][1], documented[stage][1])):
            if built != said:
                problems.append(f"{path}: profilec_{stage} uses {', '.join(sorted(built)) or 'nothing'} {kind} "
                                f"(compiler/{stage}/CMakeLists.txt), the table says "
                                f"{', '.join(sorted(said)) or 'nothing'}")
    return problems


def main(argv):
    if len(argv) not in (3, 4):
        print("usage: check_layering.py LAYERING_JSON COMPILER_DIR [ARCHITECTURE_MD]", file=sys.stderr)
        return 2
    layering_path, compiler_dir = argv[1], argv[2]
    try:
        layering = load_layering(layering_path)
    except (OSError, ValueError) as error:
        print(f"check_layering: cannot read {layering_path}: {error}", file=sys.stderr)
        return 2
    if not pathlib.Path(compiler_dir).is_dir():
        print(f"check_layering: {compiler_dir} is not a folder", file=sys.stderr)
        return 2
    problems, checked = check(layering, compiler_dir)
    if len(argv) == 4:
        try:
            problems += check_documentation(layering, argv[3])
        except OSError as error:
            print(f"check_layering: cannot read {argv[3]}: {error}", file=sys.stderr)
            return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_layering: {len(problems)} problem(s)")
        return 1
    print(f"check_layering: {checked} includes across {len(layering)} stages, all allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
