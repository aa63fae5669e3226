#!/usr/bin/env bash
# The library check must fail when the runtime stage lacks a package the binary needs: run it on
# a copy of the Dockerfile without libsqlite3-0.
# Usage: check_image_libraries_detects_missing.sh DOCKERFILE BINARY
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/ libsqlite3-0 / /' "$1" >"$work/Dockerfile"
if cmp -s "$1" "$work/Dockerfile"; then
  echo "the Dockerfile does not list libsqlite3-0 as expected" >&2
  exit 1
fi
output=$("$here/check_image_libraries.sh" "$work/Dockerfile" "$2" 2>&1)
status=$?
if ((status == 77)); then
  echo "$output"
  exit 77
fi
if ((status == 0)); then
  echo "the check passed without libsqlite3-0:" >&2
  echo "$output" >&2
  exit 1
fi
grep -q "MISSING  libsqlite3.so.0 <- libsqlite3-0" <<<"$output" || {
  echo "unexpected output: $output" >&2
  exit 1
}
echo "ok: a missing package is reported"
