#!/usr/bin/env python3
"""`profilec lsp` latency (issue 18): diagnostics for an edit in a 1,000-line
policy within a repository of 1,000 policies, and completion, measured as an
editor sees them, over the server's stdin/stdout.

    bench/lsp_bench.py [--profilec build/profilec] [--edits 100] [--completions 200] [--out FILE]

The repository is bench/gen_repo.py's (1,000 policies), with its first
policy replaced by one of 1,000 lines (a restrictions payload of 40 keys and
a notification settings payload of 135 apps). The client opens that
policy, waits for its first diagnostics, then:
  edits        renames `allowCamera` to `allowCamra` and back, one
               incremental didChange each, and times didChange -> the
               publishDiagnostics for that version of the file; each answer
               is checked (the misspelt key has its PC1002, the fixed one
               has none), so a stale or empty answer cannot pass as fast
  completion   requests completion after `allowAirD` on a line of the
               restrictions payload, and times the round trip; each answer
               must offer `allowAirDrop` and no key of another payload type
and compares with what a user has without the server: `profilec check` of
the file after each save, and of the whole repository (the cross-file
findings the server also gives). Times are wall clock; percentiles are
nearest-rank. The server's CPU time (user + system, from /proc) over each
series, divided by its length, is the figure a busy machine distorts least.

bench/run_bench.py runs this too (make bench); docs/performance.md records a
run.
"""

import argparse
import json
import math
import os
import pathlib
import queue
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_repo  # noqa: E402  (beside this file)

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
POLICIES = 1000
BIG_LINES = 1000
TIMEOUT = 60  # seconds for any one answer: a hung server fails the run


def big_policy(lines=BIG_LINES):
    """A policy of exactly `lines` lines."""
    text = ('[profile]\nid = "com.bench.big"\nname = "Bench big policy"\norganization = "Bench Corp"\n\n'
            '[target]\nplatforms = { iOS = "17.0" }\nsupervised = true\n\n'
            '[payload.restrictions]\ntype = "com.apple.applicationaccess"\n')
    text += "".join(f"{k} = {'false' if n % 3 else 'true'}\n" for n, k in enumerate(gen_repo.RESTRICTION_KEYS))
    text += '\n[payload.notifications]\ntype = "com.apple.notificationsettings"\n'
    app = 0
    entry_lines = 7
    while text.count("\n") + entry_lines <= lines:
        text += (f'\n[[payload.notifications.NotificationSettings]]\nBundleIdentifier = "com.bench.app{app}"\n'
                 f'NotificationsEnabled = true\nShowInLockScreen = {"true" if app % 2 else "false"}\n'
                 f'AlertType = {1 + app % 2}\nBadgesEnabled = true\n')
        app += 1
    while text.count("\n") < lines:
        text += "# padding\n"
    return text


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class LspClient:
    """A JSON-RPC client over a server's stdin/stdout. A thread reads the
    server's messages and stamps each with the time it arrived."""

    def __init__(self, command, cwd, stderr):
        self.proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put((time.perf_counter(), None))
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return time.perf_counter()

    def notify(self, method, params):
        return self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        return self.next_id, self.send({"id": self.next_id, "method": method, "params": params})

    def wait_for(self, accept):
        """(arrival time, message) of the first message `accept` takes;
        requests from the server are answered with null, the rest skipped."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            try:
                arrived, message = self.messages.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise RuntimeError(f"profilec lsp gave no awaited answer within {TIMEOUT} s") from None
            if message is None:
                raise RuntimeError(f"profilec lsp closed its output (exit code {self.proc.wait()})")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if accept(message):
                return arrived, message

    def call(self, method, params):
        ident, sent = self.request(method, params)
        arrived, message = self.wait_for(lambda m: m.get("id") == ident and "method" not in m)
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return arrived - sent, message.get("result")

    def diagnostics_for(self, uri, version=None):
        def accept(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") in (None, version)
        return self.wait_for(accept)

    def close(self):
        try:
            self.call("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def cpu_seconds(pid):
    """User + system CPU of a process so far (Linux /proc; clock ticks)."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def completion_labels(result):
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return {item["label"] for item in items}


def run_command(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(profilec, work, say, edits=100, completions=200, check_repeat=5, wrap=()):
    """Runs the LSP jobs in `work`; says Markdown tables; returns the targets
    as (what, figure, met) rows."""
    repo = work / "lsp-repo"
    subprocess.run([PYTHON, str(HERE / "gen_repo.py"), str(POLICIES), str(repo)], check=True)
    big = repo / "policies" / "p00000.toml"
    text = big_policy()
    big.write_text(text)
    lines = text.split("\n")
    uri = big.resolve().as_uri()
    camera = lines.index("allowCamera = false")

    log = (work / "lsp-stderr.log").open("wb")
    client = LspClient([*wrap, profilec, "lsp"], repo, log)
    try:
        _, initialized = client.call("initialize", {"processId": os.getpid(), "rootUri": repo.resolve().as_uri(),
                                   "capabilities": {}, "workspaceFolders": None})
        client.notify("initialized", {})
        sent = client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "toml", "version": 1, "text": text}})
        arrived, _ = client.diagnostics_for(uri)
        first = arrived - sent

        diagnostics = []
        version = 1
        cpu_before = cpu_seconds(client.proc.pid)
        for n in range(edits):
            version += 1
            misspelt = n % 2 == 0
            old, new = ("allowCamera", "allowCamra") if misspelt else ("allowCamra", "allowCamera")
            sent = client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": camera, "character": 0},
                                              "end": {"line": camera, "character": len(old)}},
                                    "text": new}]})
            arrived, message = client.diagnostics_for(uri, version)
            diagnostics.append(arrived - sent)
            at_line = [d for d in message["params"]["diagnostics"] if d["range"]["start"]["line"] == camera]
            if misspelt != any(d.get("code") == "PC1002" for d in at_line):
                raise RuntimeError(f"edit {n}: diagnostics at line {camera + 1} do not match the edit: {at_line}")

        cpu_edits = (cpu_seconds(client.proc.pid) - cpu_before) / edits

        # A half-written key on a new line below the restrictions' type.
        version += 1
        prefix = "allowAirD"
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": camera, "character": 0},
                                          "end": {"line": camera, "character": 0}}, "text": prefix + "\n"}]})
        client.diagnostics_for(uri, version)
        completion = []
        cpu_before = cpu_seconds(client.proc.pid)
        offered = "completionProvider" in initialized.get("capabilities", {})
        for _ in range(completions if offered else 0):
            seconds, result = client.call("textDocument/completion", {
                "textDocument": {"uri": uri}, "position": {"line": camera, "character": len(prefix)}})
            completion.append(seconds)
            labels = completion_labels(result)
            if "allowAirDrop" not in labels or "SSID_STR" in labels:
                raise RuntimeError(f"completion after {prefix!r}: allowAirDrop not offered, or a Wi-Fi key is: "
                                   f"{sorted(labels)[:20]}")
        cpu_completion = (cpu_seconds(client.proc.pid) - cpu_before) / max(1, len(completion))
    finally:
        client.close()
        log.close()

    one_file = statistics.median(run_command([profilec, "check", str(big), "-q"]) for _ in range(check_repeat))
    whole = statistics.median(run_command([profilec, "check", str(repo / "policies"), "-q"])
                              for _ in range(check_repeat))

    def row(name, values, cpu):
        return (f"| {name} | {len(values)} | {percentile(values, 50) * 1000:.2f} ms "
                f"| {percentile(values, 95) * 1000:.2f} ms | {max(values) * 1000:.2f} ms | {cpu * 1000:.1f} ms |")

    say(f"### The language server: a {BIG_LINES:,}-line policy in a repository of {POLICIES:,}\n")
    say(f"Opening the policy (the server reads and checks the repository): first diagnostics after "
        f"{first * 1000:.0f} ms.\n")
    say("| request | n | p50 | p95 | max | server CPU a request (mean) |")
    say("|---|---|---|---|---|---|")
    say(row("edit -> diagnostics (didChange to publishDiagnostics)", diagnostics, cpu_edits))
    if completion:
        say(row("completion (request to response)", completion, cpu_completion))
    else:
        say("| completion | not offered by this server | | | | |")
    say(f"| without the server: `profilec check` of the file after a save | {check_repeat} "
        f"| {one_file * 1000:.2f} ms (median) | | | |")
    say(f"| without the server: `profilec check` of the repository (cross-file findings) | {check_repeat} "
        f"| {whole * 1000:.2f} ms (median) | | | |")
    say()
    p95_diagnostics = percentile(diagnostics, 95)
    p95_completion = percentile(completion, 95) if completion else math.inf
    return [(f"LSP: diagnostics for an edit, {BIG_LINES:,}-line policy, {POLICIES:,} policies: p95 < 20 ms",
             f"{p95_diagnostics * 1000:.2f} ms", p95_diagnostics < 0.020),
            ("LSP: completion p95 < 10 ms", f"{p95_completion * 1000:.2f} ms" if completion else "not offered",
             p95_completion < 0.010)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--completions", type=int, default=200)
    parser.add_argument("--out", type=pathlib.Path, help="also write the tables to this file")
    parser.add_argument("--work-dir", type=pathlib.Path, help="where the repository goes (default: the system's "
                                                              "temporary folder)")
    parser.add_argument("--enforce", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--wrap", default="", help="a command the server runs under, to see where its time goes: "
                                                   "--wrap 'perf record -g -o lsp.data --' (the CPU column then counts the "
                                                   "wrapper, not the server)")
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="profilec-lsp-bench-", dir=args.work_dir))
    lines = []

    def say(line=""):
        print(line, flush=True)
        lines.append(line)

    try:
        targets = measure(str(pathlib.Path(args.profilec).resolve()), work, say, args.edits, args.completions,
                          wrap=shlex.split(args.wrap))
        say("| target | this run | |")
        say("|---|---|---|")
        for what, figure, ok in targets:
            say(f"| {what} | {figure} | {'met' if ok else '**missed**'} |")
        if args.out:
            args.out.write_text("\n".join(lines) + "\n")
        return 1 if args.enforce and not all(ok for _, _, ok in targets) else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
