"""Deterministic sampling for the slowest end-to-end checks under the sanitizers.

ctest sets PROFILEC_SAMPLE_EVERY (tests/CMakeLists.txt): 1 in the Release build (make test), where every case runs, and
N in a sanitizer build (make sanitize, make tsan), where each run of profilec costs ten times more and a runner checks
every Nth case only (cli.import_corpus's round trips). The choice is by position, so every run
checks the same cases, and the runner prints what it checked. Unset means 1: run by hand, a runner checks everything.
"""
import os


def sample_every():
    """The stride: 1 (every case) unless ctest says otherwise; anything but a positive integer is an error."""
    value = os.environ.get("PROFILEC_SAMPLE_EVERY", "1")
    every = int(value)
    if every < 1:
        raise ValueError(f"PROFILEC_SAMPLE_EVERY={value}: not a positive integer")
    return every


def is_sampled(position, every):
    """Whether the case at `position` (0-based, in the runner's fixed order) is checked with stride `every`."""
    return position % every == 0
