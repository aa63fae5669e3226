# Sourced by the webhook benchmarks (bench/telegram/run.sh, bench/soak/run.sh, memcheck.sh):
# builds the fake Bot API when needed and points wgbot at it in webhook mode.
# Needs: root, work, port, api_port, db_name; honours FAKE_BIN and LOG_LEVEL. Sets: fake.

fake="${FAKE_BIN:-$work/fake_bot_api}"
if [ -z "${FAKE_BIN:-}" ] &&
  { [ ! -x "$fake" ] || [ "$root/bench/telegram/fake_bot_api.cpp" -nt "$fake" ]; }; then
  echo "building the fake Bot API → $fake"
  g++ -O2 -std=c++20 "$root/bench/telegram/fake_bot_api.cpp" -o "$fake" -pthread
fi

export WGBOT_DB="$work/$db_name"
export WGBOT_LISTEN="127.0.0.1:$port"
export WGBOT_PUBLIC_URL="https://bench.invalid"
export WGBOT_TELEGRAM_TOKEN="123456:bench-token"
export WGBOT_TELEGRAM_WEBHOOK_SECRET="bench-secret"
export WGBOT_TELEGRAM_API_BASE_URL="http://127.0.0.1:$api_port"
export WGBOT_TELEGRAM_RATE_GLOBAL_PER_S=100000
export WGBOT_TELEGRAM_RATE_PER_CHAT_PER_S=1000
export WGBOT_TELEGRAM_RATE_PER_GROUP_PER_MIN=100000
export WGBOT_LOG_LEVEL="${LOG_LEVEL:-info}"
export WGBOT_BENCH_SECRET="$WGBOT_TELEGRAM_WEBHOOK_SECRET"
export WGBOT_BENCH_USERS=1000
