"""`profilec report` (docs/report.md) end to end, without a browser: the
page's shape through Python's html.parser, what each section says for a small
repository made here, same input same bytes, the baseline, and the failures
that must leave no file. About 1 s. The browser's view of the same page is
test_report_browser.py.

Run by ctest as cli.report, with PROFILEC and PROFILEC_SOURCE_DIR set.
"""
import unittest

import e2e_support
from report_support import SECTIONS, make_repository, parse, run


class ReportTest(e2e_support.TempDirCase):
    prefix = "profilec-report-"

    def setUp(self):
        super().setUp()
        make_repository(self.tmp / "repo")

    def report(self, *extra, output="report.html"):
        result = run("report", "repo", "-o", output, *extra, cwd=self.tmp)
        return result, (self.tmp / output).read_text() if (self.tmp / output).exists() else None

    def test_the_page_is_well_nested_self_contained_and_complete(self):
        result, page = self.report("--baseline", "passcode/baseline", "--as-of", "2026-12-05")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("wrote report.html", result.stderr)
        shape = parse(page)
        self.assertEqual(shape.errors, [])
        self.assertEqual(shape.doctype, "DOCTYPE html")
        self.assertEqual(shape.sections, list(SECTIONS))
        self.assertEqual(len(shape.ids), len(set(shape.ids)), "duplicate ids")
        # Nothing that leaves the file: no script, no style sheet or font
        # fetched, every link an anchor of the page itself.
        for tag in ("script", "link", "img", "iframe", "object"):
            self.assertNotIn(tag, shape.tags)
        self.assertTrue(shape.references)
        for tag, attribute, value in shape.references:
            self.assertEqual((tag, attribute), ("a", "href"))
            self.assertTrue(value.startswith("#") and value[1:] in shape.ids, value)
        self.assertNotIn("url(", page)
        self.assertIn("@media print", page)

    def test_each_section_says_what_the_repository_does(self):
        result, page = self.report("--baseline", "passcode/baseline", "--as-of", "2026-12-05")
        self.assertEqual(result.returncode, 0, result.stderr)
        text = parse(page).text
        self.assertIn("Baseline <all devices>", text["profiles"])  # escaped in the page, text again here
        self.assertIn("&lt;all devices&gt;", page)
        # Unsupervised iPhones get one profile; supervised ones both; Macs base and PPPC.
        self.assertIn("iOS: device or automated enrollment, unsupervised: 1 profile", text["summary"])
        self.assertIn("iOS: device or automated enrollment, supervised: 2 profiles", text["summary"])
        self.assertIn("macOS: device or automated enrollment, supervised or not: 2 profiles", text["summary"])
        # Where each value comes from, nested values in full.
        self.assertIn("repo/policies/pppc.toml:10", text["effective"])
        self.assertIn('Identifier = "us.zoom.xos"', text["effective"])
        self.assertNotIn("keys }", text["effective"])
        # The conflict and how it resolves.
        self.assertIn("allowCamera", text["conflicts"])
        self.assertIn("boolean-and", text["conflicts"])
        self.assertIn("repo/policies/team.toml:11", text["conflicts"])
        self.assertIn("repo/policies/base.toml:15", text["conflicts"])
        # The certificate, judged on the given day.
        self.assertIn("CN=Acme Corp Example Root CA", text["certificates"])
        self.assertIn("2046-11-18", text["certificates"])
        self.assertIn("valid, 7288 days left", text["certificates"])
        # The baseline: forcePIN met, minLength 4 against 6, the rest missed.
        self.assertIn("stdlib:passcode/baseline", text["baseline"])
        self.assertEqual(text["baseline"].count("meets"), 3)  # one per kind of device
        self.assertEqual(text["baseline"].count("overrides"), 3)
        self.assertEqual(text["baseline"].count("misses"), 9)

    def test_same_input_same_bytes_and_no_date_unless_given(self):
        _, first = self.report(output="a.html")
        _, second = self.report(output="b.html")
        self.assertEqual(first, second)
        self.assertIn("no date given (--as-of)", first)
        self.assertNotIn("2026-12-05", first)
        _, dated = self.report("--as-of", "2030-01-01", output="c.html")
        self.assertIn("valid, 6165 days left", dated)
        _, expired = self.report("--as-of", "2047-01-01", output="d.html")
        self.assertIn(">expired<", expired)
        self.assertIn("Baseline</dt><dd>none given (--baseline)", first)

    def test_a_baseline_file(self):
        (self.tmp / "repo/baselines").mkdir()
        (self.tmp / "repo/baselines/strict.toml").write_text(
            '[fragment]\ntype = "com.apple.mobiledevice.passwordpolicy"\nplatforms = ["macOS"]\n\n'
            "[keys]\nminLength = 4\n")
        result, page = self.report("--baseline", "repo/baselines/strict.toml")
        self.assertEqual(result.returncode, 0, result.stderr)
        text = parse(page).text["baseline"]
        self.assertIn("repo/baselines/strict.toml:6", text)
        self.assertEqual(text.count("meets"), 1)  # the Mac only: the fragment is for macOS

    def test_failures_leave_no_file(self):
        # A repository with errors: the report would leave out their profiles.
        (self.tmp / "repo/policies/broken.toml").write_text('[profile]\nid = "com.example.broken"\n[payload.x]\n')
        result, page = self.report()
        self.assertEqual(result.returncode, 1)
        self.assertIn("repo/policies/broken.toml:", result.stderr)
        self.assertIn("report not written", result.stderr)
        self.assertIsNone(page)
        (self.tmp / "repo/policies/broken.toml").unlink()
        # An unknown baseline, a bad date, an unwritable output: usage errors, no file.
        for extra, message in ((["--baseline", "no/such"], "neither a stdlib fragment"),
                               (["--as-of", "someday"], "--as-of 'someday'")):
            result, page = self.report(*extra)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(message, result.stderr)
            self.assertIsNone(page)
        (self.tmp / "taken.html").mkdir()  # the output path is a folder: the write fails
        result = run("report", "repo", "-o", "taken.html", cwd=self.tmp)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("taken.html", result.stderr)
        self.assertEqual(list((self.tmp / "taken.html").iterdir()), [])
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), ["repo", "taken.html"])  # no temporary file left


if __name__ == "__main__":
    unittest.main()
