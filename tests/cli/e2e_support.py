"""What several end-to-end test files share: a test case with its own
temporary folder and a helper to write files into it."""
import pathlib
import shutil
import tempfile
import unittest


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
