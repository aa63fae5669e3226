#!/usr/bin/env bash
# Runs the examples in the docs against the built binary. In a Markdown file, a fenced block
# whose info string is `console` is a transcript: each line starting with "$ " is a command, the
# lines after it (up to the next command or the end of the block) are its expected standard
# output, exactly; a line "..." stands for any number of lines. Commands run in bash, in an empty
# temporary directory, without any WGBOT_ variable of the caller; `wgbot` is the binary under
# test. Blocks marked `sh` (or anything else) are shown, not run.
# Usage: run_doc_examples.sh BINARY FILE.md...
set -uo pipefail
binary=$(realpath "$1")
shift

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Splits FILE into numbered cases: $work/case.N.cmd (one command) and $work/case.N.out.
split_cases() {
  awk -v dir="$work" -v file="$1" '
    /^```/ {
      if (!inblock && $0 ~ /^```console[ \t]*$/) { inblock = 1; next }
      if (inblock) { inblock = 0; next }
    }
    !inblock { next }
    /^\$ / {
      n++
      cmd = dir "/case." n ".cmd"; out = dir "/case." n ".out"
      print substr($0, 3) > cmd; close(cmd)
      printf "" > out; close(out)
      print file ":" NR > (dir "/case." n ".where")
      next
    }
    n > 0 { print >> out; close(out) }
  ' "$1"
}

# matches EXPECTED ACTUAL: line by line, "..." matching any run of lines.
matches() {
  awk '
    NR == FNR { want[++w] = $0; next }
    { got[++g] = $0 }
    END {
      i = 1; j = 1
      while (i <= w) {
        if (want[i] == "...") {
          if (i == w) exit 0
          while (j <= g && got[j] != want[i + 1]) j++
          if (j > g) exit 1
          i++
          continue
        }
        if (j > g || got[j] != want[i]) exit 1
        i++; j++
      }
      exit (j <= g) ? 1 : 0
    }' "$1" "$2"
}

status=0
total=0
for doc in "$@"; do
  rm -f "$work"/case.*
  split_cases "$doc"
  for cmd in "$work"/case.*.cmd; do
    [[ -e $cmd ]] || continue
    base=${cmd%.cmd}
    where=$(cat "$base.where")
    total=$((total + 1))
    run=$(mktemp -d)
    actual=$(cd "$run" && env -i PATH="$PATH" HOME="$run" LANG=C.UTF-8 WGBOT_BIN="$binary" \
      bash -c 'wgbot() { "$WGBOT_BIN" "$@"; }; '"$(cat "$cmd")" 2>&1)
    rm -rf "$run"
    printf '%s\n' "$actual" >"$base.actual"
    if ! matches "$base.out" "$base.actual"; then
      echo "FAIL $where: \$ $(cat "$cmd")" >&2
      diff -u "$base.out" "$base.actual" >&2
      status=1
    fi
  done
done
echo "$total example(s) run"
if ((total == 0)); then
  echo "no console examples found" >&2
  exit 1
fi
exit $status
