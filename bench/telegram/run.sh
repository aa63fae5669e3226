#!/usr/bin/env bash
# Telegram webhook load benchmark: a fresh database with 1,000 linked members, wgbot in webhook
# mode against a fast fake Bot API, wrk posting unique updates, then the exactly-once check.
# Usage: bench/telegram/run.sh [CONNECTIONS...]   (default: 16 64)
# Env: WGBOT_BIN (default build/release/wgbot, from `scripts/dev build`), DURATION (20s), THREADS (2), WORK (/tmp/wgbot-tgbench),
#      PORT (18080), API_PORT (18081), LOG_LEVEL (info), FAKE_429_EVERY (the fake refuses every Nth sendMessage with 429, retry_after 1), FAKE_LATENCY_MS (every API call answers that late), FAKE_BIN (a built fake_bot_api; default:
#      compiled into WORK), WGBOT_BENCH_NO_LIST=1 (plain text instead of /tasks).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${WGBOT_BIN:-$root/build/release/wgbot}"
work="${WORK:-/tmp/wgbot-tgbench}"
port="${PORT:-18080}"
api_port="${API_PORT:-18081}"
duration="${DURATION:-20s}"
threads="${THREADS:-2}"
conns=("$@")
[ ${#conns[@]} -eq 0 ] && conns=(16 64)
mkdir -p "$work"

db_name=bench.db
# shellcheck source=../telegram/bench_env.sh
source "$here/bench_env.sh"

roster() {
  echo "handle,name,unit,role,title,telegram_user_id"
  local units=(ubnd vpub skhcn snv stc)
  for i in $(seq 1 1000); do
    printf 'bench%04d,Thành viên %d,%s,staff,Chuyên viên,%d\n' "$i" "$i" "${units[$((i % 5))]}" "$i"
  done
}

bot_pid=""; fake_pid=""
cleanup() {
  [ -n "$bot_pid" ] && kill -TERM "$bot_pid" 2>/dev/null || true
  [ -n "$fake_pid" ] && kill -TERM "$fake_pid" 2>/dev/null || true
}
trap cleanup EXIT

sql() { sqlite3 -cmd ".timeout 5000" "$WGBOT_DB" "$1"; }
# "tid name ticks" for every thread of the bot (threads name themselves: wgbot-writer, …).
thread_cpu() {
  local t
  for t in /proc/"$bot_pid"/task/*; do
    echo "${t##*/} $(cat "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"
  done
}

run_one() {
  local c="$1" tag="c$1"
  rm -f "$WGBOT_DB" "$WGBOT_DB"-wal "$WGBOT_DB"-shm
  "$bin" console --as admin </dev/null >/dev/null         # seeds the demo units and roster
  roster >"$work/roster.csv"
  "$bin" import-roster "$work/roster.csv" >/dev/null

  "$fake" "$api_port" >"$work/fake.$tag.out" 2>"$work/fake.$tag.err" &
  fake_pid=$!
  sleep 0.3
  "$bin" serve </dev/null >"$work/wgbot.$tag.log" 2>&1 &
  bot_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && grep -q webhook_set "$work/wgbot.$tag.log" && break
    sleep 0.1
  done
  # A short warm-up would add inbox rows; the check counts everything from a fresh DB instead.
  thread_cpu >"$work/threads0.$tag"
  read -r ut0 st0 < <(awk '{print $14, $15}' "/proc/$bot_pid/stat")
  local load_before; load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t"$threads" -c"$c" -d"$duration" --latency -s "$here/post_updates.lua" \
    "http://127.0.0.1:$port" | tee "$work/wrk.$tag.txt"
  read -r ut1 st1 < <(awk '{print $14, $15}' "/proc/$bot_pid/stat")
  thread_cpu >"$work/threads1.$tag"
  # Replies the fake had received when the load stopped: the sending rate during the run.
  local sent_by_end
  sent_by_end="$(curl -s "http://127.0.0.1:$api_port/__stats" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("sendMessage",0))')"

  # Wait for the outbox to drain (nothing pending/in flight), at most 120 s.
  local t0=$SECONDS
  while [ $((SECONDS - t0)) -lt 120 ]; do
    local pending; pending="$(sql "select count(*) from outbox where status not in ('sent','failed','dropped')")"
    [ "$pending" = "0" ] && break
    sleep 0.5
  done
  local drain_s=$((SECONDS - t0))
  read -r ut2 st2 < <(awk '{print $14, $15}' "/proc/$bot_pid/stat")
  local hwm; hwm="$(awk '/VmHWM/{print $2}' "/proc/$bot_pid/status")"
  local stats; stats="$(curl -s "http://127.0.0.1:$api_port/__stats")"
  echo "fake_bot_api calls: $stats"
  kill -TERM "$bot_pid"; wait "$bot_pid" || true
  kill -TERM "$fake_pid"; wait "$fake_pid" || true
  bot_pid=""; fake_pid=""

  local ok200 inbox sends sent_rows outbox_by_status hz not_one
  # Inbox rows whose update did not produce exactly one outbox row (should be 0).
  # (outbox.inbox_id has no index: group the outbox once instead of a correlated subquery.)
  not_one="$(sql "with g as (select inbox_id, count(*) n from outbox where inbox_id is not null group by inbox_id)
    select (select count(*) from inbox) - (select count(*) from g where n = 1)")"
  ok200="$(sed -n 's/^ok_200=//p' "$work/wrk.$tag.txt")"
  inbox="$(sql "select count(*) from inbox")"
  sent_rows="$(sql "select count(*) from outbox where status='sent'")"
  outbox_by_status="$(sql "select status||':'||count(*) from outbox group by status" | tr '\n' ' ')"
  sends="$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("sendMessage",0))')"
  hz="$(getconf CLK_TCK)"
  python3 - "$c" "$ok200" "$inbox" "$sends" "$sent_rows" "$hwm" "$ut0" "$st0" "$ut1" "$st1" "$ut2" "$st2" "$hz" "$drain_s" "$load_before" "$work/wrk.$tag.txt" "$outbox_by_status" "$not_one" "$work/threads0.$tag" "$work/threads1.$tag" "$sent_by_end" <<'PY'
import sys, re
(c, ok, inbox, sends, sent, hwm, ut0, st0, ut1, st1, ut2, st2, hz, drain, load, wrkfile, obs, not_one,
 threads0, threads1, sent_by_end) = sys.argv[1:]
ok, inbox, sends, sent, hwm, hz = int(ok), int(inbox), int(sends), int(sent), int(hwm), int(hz)
txt = open(wrkfile).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", txt).group(1)
p = {k: v for k, v in re.findall(r"^(p[\d.]+_ms)=([\d.]+)", txt, re.M)}
cpu_run = (int(ut1) + int(st1) - int(ut0) - int(st0)) / hz
cpu_all = (int(ut2) + int(st2) - int(ut0) - int(st0)) / hz
# wrk stops with up to c requests in flight: the bot commits and answers them, wrk no longer
# counts the answers. So: inbox == sendMessage == sent rows exactly, and ok <= inbox <= ok + c.
same = inbox == sends == sent and ok <= inbox <= ok + int(c) and not_one == "0"
secs = re.search(r"requests in ([\d.]+)(ms|s|m)", txt)
run_s = float(secs.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[secs.group(2)] if secs else 0
print(f"SENDING c={c} replies_per_s_during_run={int(sent_by_end) / run_s if run_s else 0:.0f} "
      f"replies_after_the_run={sends - int(sent_by_end)}")
print(f"RESULT c={c} updates_per_s={rps} p50_ms={p['p50_ms']} p99_ms={p['p99_ms']} "
      f"peak_rss_mib={hwm/1024:.1f} cpu_us_per_update_during_run={cpu_run/ok*1e6:.0f} "
      f"cpu_us_per_update_incl_drain={cpu_all/ok*1e6:.0f} drain_s={drain} load_before={load.replace(' ', '/')}")
def ticks(path):
    out = {}
    for line in open(path):
        tid, name, t = line.split()
        out[tid] = (name, int(t))
    return out
t0, t1 = ticks(threads0), ticks(threads1)
by_name = {}
for tid, (name, t) in t1.items():
    by_name[name] = by_name.get(name, 0) + t - t0.get(tid, (name, 0))[1]
print(f"THREADS c={c} cpu_us_per_update " + " ".join(
    f"{n}={v / hz / ok * 1e6:.0f}" for n, v in sorted(by_name.items(), key=lambda kv: -kv[1])))
print(f"CHECK c={c} ok_200={ok} inbox={inbox} sendMessage={sends} outbox_sent={sent} "
      f"outbox=[{obs.strip()}] in_flight_at_stop={inbox - ok} inbox_rows_without_exactly_one_reply={not_one} "
      f"-> {'PASS' if same else 'FAIL'}")
PY
}

for c in "${conns[@]}"; do run_one "$c"; done
