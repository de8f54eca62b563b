"""`profilec effective` shows nested values in full (a PPPC Services
dictionary, arrays of dictionaries), laid out to the terminal's width:
COLUMNS, else 80 (docs/cli.md, "effective"). Narrow and wide widths, exact
output. About 0.3 s.

Run by ctest as cli.effective_layout, with PROFILEC and PROFILEC_SOURCE_DIR set.
"""
import unittest

import e2e_support
from report_support import PPPC, run

HEAD = "effective policy for macOS, device enrollment: 1 profile\n\ncom.apple.TCC.configuration-profile-policy (com.example.pppc.zoom)\n"
ONE_LINE = ("  Services = { Camera = [{ Identifier = \"us.zoom.xos\", IdentifierType = \"bundleID\", "
            "CodeRequirement = \"identifier \\\"us.zoom.xos\\\" and anchor apple generic\", Allowed = true }] }"
            "  (repo/pppc.toml:10)\n")
BROKEN = """  Services = {
    Camera = [
      {
        Identifier = "us.zoom.xos"
        IdentifierType = "bundleID"
        CodeRequirement = "identifier \\"us.zoom.xos\\" and anchor apple generic"
        Allowed = true
      },
    ]
  }  (repo/pppc.toml:10)
"""


MIDDLE = ("  Services = {\n    Camera = [\n"
          "      { Identifier = \"us.zoom.xos\", IdentifierType = \"bundleID\", CodeRequirement = "
          "\"identifier \\\"us.zoom.xos\\\" and anchor apple generic\", Allowed = true },\n"
          "    ]\n  }  (repo/pppc.toml:10)\n")


class EffectiveLayoutTest(e2e_support.TempDirCase):
    def effective(self, columns):
        self.write("repo/pppc.toml", PPPC)
        env = {"COLUMNS": columns} if columns is not None else {}
        result = run("effective", "repo", "--platform", "macOS", cwd=self.tmp, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def test_wide_enough_is_one_line(self):
        width = len(ONE_LINE) - 1  # the line, with the source after the value
        self.assertEqual(width, 197)
        self.assertEqual(self.effective(str(width)), HEAD + ONE_LINE)
        self.assertEqual(self.effective("400"), HEAD + ONE_LINE)

    def test_narrower_breaks_only_the_levels_that_do_not_fit(self):
        item = MIDDLE.splitlines()[2]  # the one dictionary of the array, on its line
        self.assertEqual(len(item), 155)
        for columns in ("162", "155"):
            out = self.effective(columns)
            self.assertEqual(out, HEAD + MIDDLE, columns)
            self.assertTrue(all(len(line) <= int(columns) for line in out.splitlines()))
        self.assertEqual(self.effective("154"), HEAD + BROKEN)
        # 163 columns: the array fits on the line of its key.
        self.assertIn("    Camera = [{ Identifier", self.effective("163"))

    def test_default_80_columns_and_a_columns_that_means_nothing(self):
        for columns in (None, "", "wide", "12", "-5", "80"):
            self.assertEqual(self.effective(columns), HEAD + BROKEN, columns)
        # A string longer than the width stays whole: scalars never break.
        self.assertIn('        CodeRequirement = "identifier \\"us.zoom.xos\\" and anchor apple generic"\n',
                      self.effective("40"))


if __name__ == "__main__":
    unittest.main()
