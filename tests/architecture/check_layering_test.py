#!/usr/bin/env python3
"""The layering checker itself, on small trees planted in a temporary folder:
it passes a clean tree and fails, naming file and line, on a backward
include, a header that includes a PRIVATE dependency, a folder that is no
stage, stages that use each other in a circle, and a table of libraries in
the docs that says otherwise than the build."""

import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECKER = pathlib.Path(__file__).resolve().parent / "check_layering.py"

# base <- diag <- lang, as compiler/CMakeLists.txt would write it: lang's
# headers may include diag (PUBLIC), only its .cc files base (PRIVATE).
LAYERING = {
    "base": {"public": [], "private": []},
    "diag": {"public": ["base"], "private": []},
    "lang": {"public": ["diag"], "private": ["base"]},
}

CLEAN_TREE = {
    "base/span.h": "#pragma once\n#include <string>\n",
    "base/span.cc": '#include "base/span.h"\n',
    "diag/diagnostic.h": '#pragma once\n#include "base/span.h"\n',
    "diag/diagnostic.cc": '#include "diag/diagnostic.h"\n#include "base/span.h"\n',
    "lang/parse.h": '#pragma once\n#include "diag/diagnostic.h"\n',
    "lang/parse.cc": '#include "lang/parse.h"\n\n#include "base/span.h"\n#include "diag/diagnostic.h"\n',
    "lang/rules/rule.cc": '#include "lang/parse.h"\n#include "diag/diagnostic.h"\n',
}


# The table of docs/architecture.md for LAYERING.
ARCHITECTURE = """# Architecture

## Libraries

| library | may use (PUBLIC) | and in its `.cc` files (PRIVATE) | third-party |
|---|---|---|---|
| `profilec_base` | | | OpenSSL |
| `profilec_diag` | base | | |
| `profilec_lang` | diag | base (for its spans) | toml++ |
"""


def planted(name, text):
    """CLEAN_TREE with one file written or replaced."""
    return dict(CLEAN_TREE, **{name: text})


class CheckLayeringTest(unittest.TestCase):
    def run_checker(self, tree, layering=LAYERING, architecture=None):
        with tempfile.TemporaryDirectory() as temporary:
            root = pathlib.Path(temporary)
            for name, text in tree.items():
                path = root / "compiler" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            (root / "layering.json").write_text(json.dumps(layering), encoding="utf-8")
            command = [sys.executable, str(CHECKER), str(root / "layering.json"), str(root / "compiler")]
            if architecture is not None:
                (root / "architecture.md").write_text(architecture, encoding="utf-8")
                command.append("architecture.md")
            result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
        return result.returncode, result.stdout

    def assert_problems(self, problems, tree=CLEAN_TREE, layering=LAYERING, architecture=None):
        """The checker fails with exactly these lines, then its count."""
        code, output = self.run_checker(tree, layering, architecture)
        self.assertEqual(code, 1, output)
        self.assertEqual(output.splitlines(), problems + [f"check_layering: {len(problems)} problem(s)"])

    def test_a_clean_tree_passes(self):
        code, output = self.run_checker(CLEAN_TREE)
        self.assertEqual(code, 0, output)
        self.assertEqual(output, "check_layering: 6 includes across 3 stages, all allowed\n")

    def test_a_backward_include_fails_naming_file_and_line(self):
        self.assert_problems([
            'compiler/base/span.cc:3: base may not include "lang/parse.h": base uses no other stage '
            "(compiler/base/CMakeLists.txt)",
        ], tree=planted("base/span.cc", '#include "base/span.h"\n\n#include "lang/parse.h"\n'))

    def test_an_include_of_a_stage_used_only_through_another_fails(self):
        # lang uses diag, diag uses base: a stage two steps away is not usable
        # just because a dependency uses it.
        self.assert_problems([
            'compiler/lang/parse.cc:3: lang may not include "base/span.h": lang uses diag '
            "(compiler/lang/CMakeLists.txt)",
        ], layering={"base": {}, "diag": {"public": ["base"]}, "lang": {"public": ["diag"]}})

    def test_an_include_in_a_subfolder_is_checked(self):
        self.assert_problems([
            'compiler/diag/render/human.cc:2: diag may not include "lang/parse.h": diag uses base '
            "(compiler/diag/CMakeLists.txt)",
        ], tree=planted("diag/render/human.cc", '// renders\n#  include "lang/parse.h"\n'))

    def test_a_header_including_a_private_dependency_fails(self):
        self.assert_problems([
            'compiler/lang/parse.h:3: a header of lang includes "base/span.h", but base is a PRIVATE '
            "dependency of lang; make it PUBLIC (compiler/lang/CMakeLists.txt)",
        ], tree=planted("lang/parse.h", '#pragma once\n#include "diag/diagnostic.h"\n#include "base/span.h"\n'))

    def test_a_def_table_is_checked_as_a_header(self):
        self.assert_problems([
            'compiler/lang/fields.def:1: a header of lang includes "base/span.h", but base is a PRIVATE '
            "dependency of lang; make it PUBLIC (compiler/lang/CMakeLists.txt)",
        ], tree=planted("lang/fields.def", '#include "base/span.h"\nFIELD(id)\n'))

    def test_a_folder_that_is_no_stage_fails(self):
        self.assert_problems([
            "compiler/extra/: a folder of compiler/ that is no stage library (add it with profilec_stage_library)",
        ], tree=planted("extra/thing.cc", '#include "lang/parse.h"\n'))

    def test_stages_using_each_other_in_a_circle_fail(self):
        self.assert_problems([
            "layering: the stages use each other in a circle: base -> lang -> base",
        ], layering=dict(LAYERING, base={"private": ["lang"]}))

    def test_a_dependency_on_no_stage_fails(self):
        self.assert_problems([
            "layering: lang uses 'parser', which is no stage",
        ], layering=dict(LAYERING, lang={"public": ["diag", "parser"], "private": ["base"]}))

    def test_a_table_of_libraries_saying_the_same_passes(self):
        code, output = self.run_checker(CLEAN_TREE, architecture=ARCHITECTURE)
        self.assertEqual(code, 0, output)

    def test_a_table_of_libraries_saying_otherwise_fails(self):
        self.assert_problems([
            "architecture.md: profilec_lang uses diag PUBLIC (compiler/lang/CMakeLists.txt), the table says base, diag",
            "architecture.md: profilec_lang uses base PRIVATE (compiler/lang/CMakeLists.txt), the table says nothing",
        ], architecture=ARCHITECTURE.replace("| `profilec_lang` | diag | base (for its spans) |",
                                             "| `profilec_lang` | diag, base | |"))

    def test_a_table_of_libraries_missing_a_stage_fails(self):
        self.assert_problems([
            "architecture.md: the table of libraries has no row for profilec_diag",
        ], architecture=ARCHITECTURE.replace("| `profilec_diag` | base | | |\n", ""))

    def test_a_missing_table_is_a_usage_error(self):
        result = subprocess.run([sys.executable, str(CHECKER), "/nonexistent/layering.json", "."],
                                capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot read /nonexistent/layering.json", result.stderr)


if __name__ == "__main__":
    unittest.main()
