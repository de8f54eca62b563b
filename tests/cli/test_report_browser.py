"""The page `profilec report` writes, as Debian's headless Chromium renders
it (docs/report.md): for a small repository made here, one Chromium run
takes a screenshot and dumps the DOM, and the test checks that the page
loaded without a console message (an error, a failed load), that every
section is in the rendered DOM, and that the screenshot has the size asked
for and is not blank (PNG decoded here with zlib: enough ink, and not all
ink). A second, tiny run renders a page with a planted script error, to
prove the console check sees one. About 2 s of CPU (the two Chromium runs);
wall time 3 to 12 s, depending on the machine's load.

Chromium comes from scripts/install-deps (Debian's `chromium`). Without it
the test is skipped, visibly (exit 77), or fails under
PROFILEC_REQUIRE_TEST_INPUTS=1. PROFILEC_CHROMIUM names another binary.
PROFILEC_REPORT_SCREENSHOT=PATH keeps the screenshot, to look at.

Run by ctest as cli.report_browser, with PROFILEC and PROFILEC_SOURCE_DIR set.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib
import pathlib

import e2e_support
from report_support import SECTIONS, make_repository, parse, run

WIDTH, HEIGHT = 1200, 1600
# The flags that work on a machine without a display, D-Bus or network
# (headless, no sandbox as root, no GPU, nothing fetched in the background).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def chromium():
    named = os.environ.get("PROFILEC_CHROMIUM")
    found = shutil.which(named or "chromium")
    if found:
        return found
    missing = f"no {named} (PROFILEC_CHROMIUM)" if named else "no chromium on PATH (Debian: chromium)"
    if os.environ.get("PROFILEC_REQUIRE_TEST_INPUTS") == "1":
        print(f"FAIL: {missing}, and PROFILEC_REQUIRE_TEST_INPUTS=1 requires it (scripts/install-deps)")
        sys.exit(1)
    e2e_support.skip_loudly("cli.report_browser", missing, "The HTML report was NOT rendered in a browser.",
                            "Run scripts/install-deps (it installs Debian's chromium).")


def render(browser, page, folder, width, height):
    """One Chromium run: (console lines, DOM text, PNG bytes)."""
    shot = folder / f"{page.stem}.png"
    profile = tempfile.mkdtemp(prefix="chromium-", dir=folder)  # a fresh, empty user data dir
    result = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
         f"--screenshot={shot}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return console, result.stdout, shot.read_bytes()


def decode_png(data):
    """(width, height, rows of pixel bytes, bytes per pixel) of an 8-bit RGB
    or RGBA PNG, unfiltered."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    bpp = 3 if color == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows, bpp


def ink(rows, bpp):
    """The share of pixels that are not near-white, over every 4th row and column."""
    dark = total = 0
    for row in rows[::4]:
        for x in range(0, len(row), bpp * 4):
            total += 1
            dark += min(row[x], row[x + 1], row[x + 2]) < 200
    return dark / total


class ReportBrowserTest(e2e_support.TempDirCase):
    prefix = "profilec-report-browser-"

    def test_the_report_renders_every_section_without_errors(self):
        browser = BROWSER
        make_repository(self.tmp / "repo")
        result = run("report", "repo", "-o", "report.html", "--baseline", "passcode/baseline",
                     "--as-of", "2026-12-05", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        console, dom, png = render(browser, self.tmp / "report.html", self.tmp, WIDTH, HEIGHT)
        if os.environ.get("PROFILEC_REPORT_SCREENSHOT"):
            pathlib.Path(os.environ["PROFILEC_REPORT_SCREENSHOT"]).write_bytes(png)
        self.assertEqual(console, [], "the page logged to the console")
        rendered = parse(dom)
        self.assertEqual(rendered.errors, [])
        self.assertEqual(rendered.sections, list(SECTIONS))
        for section in SECTIONS:
            self.assertTrue(rendered.text.get(section, "").strip(), section)
        self.assertIn("CN=Acme Corp Example Root CA", rendered.text["certificates"])
        width, height, rows, bpp = decode_png(png)
        self.assertEqual((width, height), (WIDTH, HEIGHT))
        # Text and table rules on white: some ink, far from all of it (a
        # blank page has none; a page that failed to style, or a dark error
        # page, has other proportions).
        share = ink(rows, bpp)
        self.assertGreater(share, 0.01)
        self.assertLess(share, 0.30)
        # The header band is grey, the page below it white: styles applied.
        self.assertNotEqual(rows[10][:3], rows[HEIGHT - 10][:3])

    def test_the_console_check_sees_a_script_error(self):
        browser = BROWSER
        page = self.write("planted.html", "<!DOCTYPE html><html><body><p>x</p>"
                                          "<script>undefined_function();</script></body></html>")
        console, _, png = render(browser, page, self.tmp, 200, 100)
        self.assertTrue(any(re.search("Uncaught ReferenceError", line) for line in console), console)
        width, height, rows, bpp = decode_png(png)
        self.assertEqual((width, height), (200, 100))
        self.assertLess(ink(rows, bpp), 0.05)  # one letter on white


BROWSER = None

if __name__ == "__main__":
    BROWSER = chromium()  # before any test: a missing browser skips (or fails) the whole run
    unittest.main()
