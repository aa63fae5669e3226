#!/usr/bin/env bash
# Checks that the built server allocates with jemalloc (linked for speed; see docs/scaling.md):
# jemalloc prints its statistics (and settings) at exit when MALLOC_CONF asks; glibc's malloc
# ignores the variable.
# Usage: check_allocator.sh BINARY
set -euo pipefail
binary=$1
out=$(MALLOC_CONF=stats_print:true "$binary" --version 2>&1)
if ! grep -q "jemalloc statistics" <<<"$out"; then
  echo "$binary does not allocate with jemalloc (ldd: $(ldd "$binary" | grep -c jemalloc) match)" >&2
  exit 1
fi
# The settings compiled into the binary are in force (one arena).
if ! grep -Eq "opt.narenas: 1$" <<<"$out"; then
  echo "$binary allocates with jemalloc but not with its own settings" >&2
  exit 1
fi
echo "ok: $binary allocates with jemalloc, one arena"
