#!/bin/sh
# Runs the given command only when Apple's upstream data is present (it sits
# beside the repository as ../shared/upstream/apple-device-management, or
# PROFILEC_UPSTREAM_DIR); otherwise tells ctest the test was skipped (77),
# or fails when PROFILEC_REQUIRE_TEST_INPUTS=1 (CI, which always has it).
upstream=$1
shift
if [ ! -d "$upstream/profiles" ]; then
  if [ "${PROFILEC_REQUIRE_TEST_INPUTS:-}" = 1 ]; then
    echo "FAIL: upstream data not found at $upstream, and PROFILEC_REQUIRE_TEST_INPUTS=1 requires it" >&2
    exit 1
  fi
  echo "skipped: upstream data not found at $upstream" >&2
  exit 77
fi
exec "$@"
