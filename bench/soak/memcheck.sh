#!/usr/bin/env bash
# wgbot serve under valgrind's memcheck: webhook mode, a slow steady load (default 60 s at
# 20 updates/s) with replies to the fake Bot API and reminders due every second, then SIGTERM.
# Passes when valgrind reports no error and no definite or indirect leak (exit 0).
# Env: WGBOT_BIN (build/release/wgbot), DURATION_S (60), RATE (20), WORK (/tmp/wgbot-memcheck),
#      PORT (18190), API_PORT (18191), FAKE_BIN (a built bench/telegram/fake_bot_api).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${WGBOT_BIN:-$root/build/release/wgbot}"
work="${WORK:-/tmp/wgbot-memcheck}"
port="${PORT:-18190}"
api_port="${API_PORT:-18191}"
mkdir -p "$work"
fake="${FAKE_BIN:-$work/fake_bot_api}"
if [ -z "${FAKE_BIN:-}" ] && [ ! -x "$fake" ]; then
  g++ -O2 -std=c++20 "$root/bench/telegram/fake_bot_api.cpp" -o "$fake" -pthread
fi
export WGBOT_DB="$work/memcheck.db" WGBOT_LISTEN="127.0.0.1:$port"
export WGBOT_PUBLIC_URL="https://bench.invalid" WGBOT_TELEGRAM_TOKEN="123456:bench-token"
export WGBOT_TELEGRAM_WEBHOOK_SECRET="bench-secret" WGBOT_BENCH_SECRET="bench-secret"
export WGBOT_TELEGRAM_API_BASE_URL="http://127.0.0.1:$api_port" WGBOT_BENCH_USERS=50
export WGBOT_SOAK_RATE="${RATE:-20}" WGBOT_SOAK_THREADS=1
sql() { sqlite3 -cmd ".timeout 5000" "$WGBOT_DB" "$1"; }

rm -f "$WGBOT_DB" "$WGBOT_DB"-wal "$WGBOT_DB"-shm "$WGBOT_DB".lock
"$bin" console --as admin </dev/null >/dev/null
{
  echo "handle,name,unit,role,title,telegram_user_id"
  for i in $(seq 1 50); do echo "mc$i,Thành viên $i,snv,staff,Chuyên viên,$i"; done
} >"$work/roster.csv"
"$bin" import-roster "$work/roster.csv" >/dev/null
t0=$(date +%s)
sql "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${DURATION_S:-60} - 20)
     INSERT INTO reminders (member_id, platform, chat_id, text, start_at, next_at, created_at)
     SELECT (SELECT id FROM members WHERE handle = 'mc1'), 'telegram', '1', 'Nhắc ' || i,
            $t0 + 20 + i, $t0 + 20 + i, $t0 FROM n"

"$fake" "$api_port" >"$work/fake.out" 2>&1 &
fake_pid=$!
trap 'kill -TERM "$fake_pid" 2>/dev/null || true' EXIT
valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
  --log-file="$work/memcheck.txt" "$bin" serve </dev/null >"$work/wgbot.log" 2>&1 &
vg_pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done
wrk -t1 -c2 -d"${DURATION_S:-60}s" -s "$here/steady_updates.lua" "http://127.0.0.1:$port" \
  >"$work/wrk.txt"
sleep 5  # the last replies and reminders
kill -TERM "$vg_pid"
status=0
wait "$vg_pid" || status=$?
grep -E "^ok_200" "$work/wrk.txt"
echo "inbox=$(sql "select count(*) from inbox") outbox=[$(sql "select status||':'||count(*) from outbox group by status" | tr '\n' ' ')] reminders_fired_once=$(sql "select count(*) from reminders where fired_count = 1")"
grep -E "ERROR SUMMARY|in use at exit|definitely|indirectly|possibly|All heap blocks" "$work/memcheck.txt"
echo "valgrind exit status: $status"
exit "$status"
