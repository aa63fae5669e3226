#!/usr/bin/env bash
# Soak: wgbot serve in webhook mode at a steady update rate for a long time, replies to a fast
# fake Bot API, and a reminder due every second. Samples the process's RSS, open file
# descriptors and the outbox depth every SAMPLE_S seconds and says whether each stayed flat.
# Usage: bench/soak/run.sh
# Env: WGBOT_BIN (build/release/wgbot), DURATION_S (1800), RATE (1000 updates/s),
#      CONNECTIONS (8), SAMPLE_S (10), WARMUP_S (15: full speed, 64 connections, before the
#      steady rate), WORK (/tmp/wgbot-soak), PORT (18090), API_PORT (18091),
#      WRAP (a command put in front of `wgbot serve`, e.g. "heaptrack -o /tmp/x"; the sampled
#      process is then the wgbot child), FAKE_BIN (a built bench/telegram/fake_bot_api).
# Output: WORK/samples.csv (t_s,rss_kib,fds,outbox_pending,inbox,reminders_fired) and a
# SOAK summary line per series; exit status 1 when a series grew.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${WGBOT_BIN:-$root/build/release/wgbot}"
work="${WORK:-/tmp/wgbot-soak}"
duration="${DURATION_S:-1800}"
rate="${RATE:-1000}"
conns="${CONNECTIONS:-8}"
sample_s="${SAMPLE_S:-10}"
warmup_s="${WARMUP_S:-15}"
port="${PORT:-18090}"
api_port="${API_PORT:-18091}"
mkdir -p "$work"

db_name=soak.db
# shellcheck source=../telegram/bench_env.sh
source "$root/bench/telegram/bench_env.sh"
export WGBOT_SOAK_RATE="$rate"
export WGBOT_SOAK_THREADS=2

bot_pid=""; fake_pid=""; wrap_pid=""
cleanup() {
  [ -n "$wrap_pid" ] && kill -TERM "$wrap_pid" 2>/dev/null || true
  [ -n "$bot_pid" ] && kill -TERM "$bot_pid" 2>/dev/null || true
  [ -n "$fake_pid" ] && kill -TERM "$fake_pid" 2>/dev/null || true
}
trap cleanup EXIT
sql() { sqlite3 -cmd ".timeout 5000" "$WGBOT_DB" "$1"; }

rm -f "$WGBOT_DB" "$WGBOT_DB"-wal "$WGBOT_DB"-shm "$WGBOT_DB".lock
"$bin" console --as admin </dev/null >/dev/null  # seeds the demo units and roster
{
  echo "handle,name,unit,role,title,telegram_user_id"
  units=(ubnd vpub skhcn snv stc)
  for i in $(seq 1 1000); do
    printf 'bench%04d,Thành viên %d,%s,staff,Chuyên viên,%d\n' "$i" "$i" "${units[$((i % 5))]}" "$i"
  done
} >"$work/roster.csv"
"$bin" import-roster "$work/roster.csv" >/dev/null

# One reminder due every second from 20 s after the start to the end of the run.
t0=$(date +%s)
sql "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $duration - 21)
     INSERT INTO reminders (member_id, platform, chat_id, text, start_at, next_at, created_at)
     SELECT (SELECT id FROM members WHERE handle = 'bench0001'), 'telegram', '1',
            'Nhắc việc soak ' || i, $t0 + 20 + i, $t0 + 20 + i, $t0 FROM n"
reminders_planned="$(sql "select count(*) from reminders")"

"$fake" "$api_port" >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
sleep 0.3
# shellcheck disable=SC2086
${WRAP:-} "$bin" serve </dev/null >"$work/wgbot.log" 2>&1 &
if [ -n "${WRAP:-}" ]; then
  wrap_pid=$!
  for _ in $(seq 1 100); do
    bot_pid="$(pgrep -n -x "$(basename "$bin" | cut -c1-15)" || true)"
    [ -n "$bot_pid" ] && break
    sleep 0.1
  done
else
  bot_pid=$!
fi
for _ in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && grep -q webhook_set "$work/wgbot.log" && break
  sleep 0.1
done

# Warm-up at full speed: the sender's connection pool and the caches reach their working size
# before the samples begin, so the samples show growth, not filling.
WGBOT_BENCH_ID_BASE=1000000000000 wrk -t2 -c64 -d"${warmup_s}s" \
  -s "$root/bench/telegram/post_updates.lua" "http://127.0.0.1:$port" >"$work/warmup.txt"
wrk -t2 -c"$conns" -d"${duration}s" -s "$here/steady_updates.lua" "http://127.0.0.1:$port" \
  >"$work/wrk.txt" &
wrk_pid=$!
echo "t_s,rss_kib,fds,outbox_pending,inbox,reminders_fired" >"$work/samples.csv"
start=$SECONDS
while kill -0 "$wrk_pid" 2>/dev/null; do
  t=$((SECONDS - start))
  rss="$(awk '/VmRSS/{print $2}' "/proc/$bot_pid/status")"
  fds="$(find "/proc/$bot_pid/fd" -mindepth 1 -maxdepth 1 | wc -l)"
  pending="$(sql "select count(*) from outbox where status = 'pending'")"
  inbox="$(sql "select max(id) from inbox")"
  fired="$(sql "select count(*) from reminders where status = 'done'")"
  echo "$t,$rss,$fds,$pending,${inbox:-0},$fired" | tee -a "$work/samples.csv"
  sleep "$sample_s"
done
wait "$wrk_pid" || true
cat "$work/wrk.txt"

# Drain, then check the reminders: each fired once.
for _ in $(seq 1 120); do
  [ "$(sql "select count(*) from outbox where status = 'pending'")" = "0" ] && break
  sleep 0.5
done
stats="$(curl -s "http://127.0.0.1:$api_port/__stats")"
echo "fake_bot_api calls: $stats"
fired="$(sql "select count(*) from reminders where fired_count = 1")"
twice="$(sql "select count(*) from reminders where fired_count > 1")"
due="$(sql "select count(*) from reminders where start_at <= strftime('%s','now')")"
echo "reminders: planned=$reminders_planned due_by_now=$due fired_once=$fired fired_more_than_once=$twice"
[ -n "$wrap_pid" ] && kill -TERM "$bot_pid" 2>/dev/null
kill -TERM "${wrap_pid:-$bot_pid}" 2>/dev/null || true
wait "${wrap_pid:-$bot_pid}" 2>/dev/null || true
bot_pid=""; wrap_pid=""

python3 - "$work/samples.csv" "$rate" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
rows = [r for r in rows if r["rss_kib"]]
def fit(xs, ys):
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs) or 1.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
# The first minute is warm-up (caches fill); the verdict is on the rest.
steady = [r for r in rows if int(r["t_s"]) >= 60] or rows
t = [int(r["t_s"]) for r in steady]
ok = True
for key, unit, limit_per_min in (("rss_kib", "KiB", 64.0), ("fds", "fds", 0.5),
                                 ("outbox_pending", "rows", 5.0)):
    ys = [float(r[key]) for r in steady]
    slope = fit(t, ys) * 60 if len(steady) > 1 else 0.0
    flat = slope <= limit_per_min  # shrinking is flat too
    ok &= flat
    print(f"SOAK {key}: first={ys[0]:.0f} last={ys[-1]:.0f} min={min(ys):.0f} max={max(ys):.0f} "
          f"slope={slope:.1f} {unit}/min (limit {limit_per_min}) -> {'FLAT' if flat else 'GROWING'}")
inbox = [int(r["inbox"]) for r in steady]
span = max(t[-1] - t[0], 1)
rss = [float(r["rss_kib"]) for r in steady]
per_update = (rss[-1] - rss[0]) * 1024 / max(inbox[-1] - inbox[0], 1)
print(f"SOAK updates/s={(inbox[-1] - inbox[0]) / span:.0f} (target {sys.argv[2]}) "
      f"rss_bytes_per_update={per_update:.2f} samples={len(rows)}")
sys.exit(0 if ok else 1)
PY
