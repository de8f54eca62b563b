#!/bin/sh
# Runs the given command only when Apple's upstream data is present (it sits
# beside the repository as ../shared/upstream/apple-device-management, or
# PROFILEC_UPSTREAM_DIR); otherwise tells ctest the test was skipped.
upstream=$1
shift
if [ ! -d "$upstream/profiles" ]; then
  echo "skipped: upstream data not found at $upstream" >&2
  exit 77
fi
exec "$@"
