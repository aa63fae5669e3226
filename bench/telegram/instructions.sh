#!/usr/bin/env bash
# Instructions per update: the webhook benchmark (run.sh) with `wgbot serve` under valgrind's
# callgrind, counters zeroed once the bot is up, so start-up is not counted. Unlike updates/s and
# CPU time, the count hardly moves with what else the machine is doing: it compares two builds
# on a busy machine. About 50 times slower than a normal run.
# Usage: bench/telegram/instructions.sh [CONNECTIONS (8)] [DURATION (20s)]
# Env: WGBOT_BIN (build/release/wgbot), WORK (/tmp/wgbot-instructions), PORT (18180),
#      API_PORT (18181). Output: an INSTRUCTIONS line, and one callgrind file per thread in WORK
#      (callgrind_annotate WORK/callgrind.out-02 shows where one thread's instructions go).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
conns="${1:-8}"
duration="${2:-20s}"
work="${WORK:-/tmp/wgbot-instructions}"
real_bin="$(realpath "${WGBOT_BIN:-$root/build/release/wgbot}")"
command -v valgrind >/dev/null || { echo "valgrind not found: apt-get install valgrind" >&2; exit 1; }
mkdir -p "$work"
rm -f "$work"/callgrind.out*

# run.sh starts "$WGBOT_BIN serve"; this wrapper puts callgrind in front of that one command.
wrapper="$work/wgbot-under-callgrind"
cat >"$wrapper" <<WRAP
#!/usr/bin/env bash
if [ "\$1" = serve ]; then
  exec valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/callgrind.out" "$real_bin" "\$@"
fi
exec "$real_bin" "\$@"
WRAP
chmod +x "$wrapper"

WGBOT_BIN="$wrapper" WORK="$work" PORT="${PORT:-18180}" API_PORT="${API_PORT:-18181}" \
  DURATION="$duration" "$here/run.sh" "$conns" >"$work/run.txt" 2>&1 &
runner=$!
log="$work/wgbot.c$conns.log"
for _ in $(seq 1 1200); do
  [ -f "$log" ] && grep -q webhook_set "$log" 2>/dev/null && break
  sleep 0.1
done
callgrind_control -z >/dev/null
wait "$runner"
grep -E "^(RESULT|CHECK)" "$work/run.txt"
updates="$(grep -oE ' inbox=[0-9]+' "$work/run.txt" | head -1 | cut -d= -f2)"
python3 - "$updates" "$work" <<'PY'
import glob, re, sys
updates, work = int(sys.argv[1]), sys.argv[2]
by_thread = {}
for path in sorted(glob.glob(f"{work}/callgrind.out-*")):
    text = open(path, errors="replace").read()
    total = int(re.search(r"^summary:\s+(\d+)", text, re.M).group(1))
    role = "io"  # the io_context threads: HTTP server, senders, HTTP client
    for keys, name in ((("Writer::loop",), "writer"), (("Scheduler::loop",), "scheduler"),
                       (("OutboxLanes::pending_after", "OutboxLanes::heads"), "outbox-reader")):
        if any(key in text for key in keys):
            role = name
            break
    by_thread[role] = by_thread.get(role, 0) + total
all_ir = sum(by_thread.values())
parts = " ".join(f"{k}={v / updates / 1000:.0f}k" for k, v in sorted(by_thread.items(), key=lambda kv: -kv[1]))
print(f"INSTRUCTIONS updates={updates} per_update={all_ir / updates / 1000:.0f}k ({parts})")
PY
