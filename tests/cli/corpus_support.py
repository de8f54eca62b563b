"""What the tests over ../shared/corpus share: finding the corpus (a test
without it is skipped with exit 77, except where PROFILEC_REQUIRE_TEST_INPUTS=1,
as in CI (.ci/run): there a missing input is a failure, so no test passes
silently for lack of its input), and the closing line ctest and CI read."""
import os
import pathlib

SKIP = 77


def inputs_required():
    """True when a test must fail, not skip, for a missing input: the one
    switch every skipping test runner honours (tests/schema/if_upstream.sh too)."""
    return os.environ.get("PROFILEC_REQUIRE_TEST_INPUTS") == "1"


def missing_input_exit_code(what):
    """Says that `what` is missing; returns 1 when inputs are required, else 77
    (ctest: skipped)."""
    if inputs_required():
        print(f"FAIL: {what}, and PROFILEC_REQUIRE_TEST_INPUTS=1 requires it")
        return 1
    print(f"SKIP: {what}")
    return SKIP


def corpus_or_exit_code(corpus: pathlib.Path):
    """None when the corpus is there; else the exit code to return."""
    if (corpus / "INDEX.tsv").is_file():
        return None
    return missing_input_exit_code(f"no corpus at {corpus}")


def finish(failures, names):
    """Prints each failure and 'N passed, N failed' over `names` (a failure
    names its item before the first ': '); returns the exit code."""
    for failure in failures:
        print("FAIL:", failure)
    failed = {failure.split(": ")[0] for failure in failures}
    print(f"{len(set(names) - failed)} passed, {len(failed)} failed")
    return 1 if failures else 0


def check_json(profilec, target, corpus, env, timeout):
    """Runs `profilec --format json check TARGET` in the corpus. Returns
    (findings, None), or (None, failure) for a crash, an internal error or
    output that is not the JSON document."""
    import json
    import subprocess
    result = subprocess.run([profilec, "--format", "json", "check", target], capture_output=True, text=True,
                            cwd=corpus, timeout=timeout, env=env)
    if result.returncode not in (0, 1, 2) or "internal error" in result.stderr:
        return None, f"{target}: exit {result.returncode}: {result.stderr[:300]}"
    try:
        return json.loads(result.stdout)["diagnostics"], None
    except (ValueError, KeyError) as error:
        return None, f"{target}: output is not the JSON document ({error}): {result.stderr[:300]}"
