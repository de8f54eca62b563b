"""What several end-to-end test files share: a test case with its own
temporary folder and a helper to write files into it, and the loud skip of a
test whose tool (fetched from npm by scripts/install-deps) is missing."""
import pathlib
import shutil
import sys
import tempfile
import unittest

SKIP = 77  # ctest's SKIP_RETURN_CODE for the runners that may skip


def skip_loudly(test, why, not_done, how):
    """Exits 77 (ctest: skipped) after saying on stderr, unmissably, what
    `test` did not check and how to get it checked."""
    bar = "!" * 78
    print(f"{bar}\n{test} SKIPPED: {why}\n{not_done}\n{how}\n{bar}", file=sys.stderr)
    sys.exit(SKIP)


class TempDirCase(unittest.TestCase):
    """Each test gets a fresh folder, self.tmp, removed afterwards."""

    prefix = "profilec-e2e-"

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        """Writes text or bytes to self.tmp/name (folders made as needed)."""
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path
