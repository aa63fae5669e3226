#include "fakes/zalo_bot_runtime.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "bot/zalo_bot/zalo_bot_platform.hpp"
#include "config/config.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/test_bot.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Thursday 2026-11-26 10:00 +07:00.
constexpr std::int64_t kStart = 1795662000;

// Fast enough for tests: a short long poll, short back-offs, rate limits out of the way (the
// limiter runs on real time, not on the test's clock).
zalo_bot::PlatformOptions test_options() {
  zalo_bot::PlatformOptions options;
  options.poller.poll_timeout = 1s;
  options.poller.backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
  options.startup_backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
  options.rate = RateLimits{1000, 1000, 1000};
  options.typing_after = 300ms;
  return options;
}

}  // namespace

json ZaloUpdate::bare() const {
  const bool in_group = !group.empty();
  json message = {
      {"from", {{"id", user}, {"display_name", "Người dùng " + user}, {"is_bot", false}}},
      {"chat", {{"id", in_group ? group : user}, {"chat_type", in_group ? "GROUP" : "PRIVATE"}}},
      {"message_id", message_id},
      {"date", 1795569302123}};
  if (event == "message.text.received") message["text"] = text;
  return {{"event_name", event}, {"message", std::move(message)}};
}

std::string ZaloUpdate::wrapped() const {
  return json{{"ok", true}, {"result", bare()}}.dump();
}

ZaloBotRuntime::ZaloBotRuntime(const TempDir& dir, FakeZaloBot& fake, const std::string& public_url)
    : clock_(std::chrono::sys_seconds{std::chrono::seconds{kStart}}) {
  Config config = test_config(dir.file("wgbot.db"));
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.public_url = public_url;
  config.zalo_bot.token = std::string(FakeZaloBot::kToken);
  config.zalo_bot.api_base_url = fake.base_url();
  config.zalo_bot.webhook_secret = kZaloSecret;
  // Ahead of the clock (10:00): a digest time already past would send the day's digest late to
  // each reader as soon as one is linked, at a moment that depends on the scheduler thread.
  config.schedule.digest_time = std::chrono::hours{17} + std::chrono::minutes{45};
  RuntimeOptions options;
  options.platforms = {[](PlatformContext& context) -> std::unique_ptr<Platform> {
    return std::make_unique<zalo_bot::ZaloBotPlatform>(context, test_options());
  }};
  options.io_threads = 2;
  runtime_ = std::make_unique<BotRuntime>(std::make_shared<const Config>(config), clock_,
                                          std::move(options));
  runtime_->start();
  thread_ = std::thread([this] { runtime_->run(); });
  const bool ready =
      public_url.empty() ? fake.wait_for("getUpdates", 1) : fake.wait_for("setWebhook", 1);
  if (!ready) throw std::runtime_error("the Zalo Bot platform did not start");
}

ZaloBotRuntime::~ZaloBotRuntime() {
  stop();
}

void ZaloBotRuntime::stop() {
  if (!thread_.joinable()) return;
  runtime_->request_stop();
  thread_.join();
}

int ZaloBotRuntime::post(const std::string& body, std::optional<std::string> secret) {
  test::HeaderList headers;
  const std::string value = secret.value_or(kZaloSecret);
  if (!value.empty()) headers.emplace_back("X-Bot-Api-Secret-Token", value);
  return test::http_request(runtime_->port(), "POST", "/webhook/zalo", body, headers).status;
}

int ZaloBotRuntime::say(const std::string& user, const std::string& text) {
  return post(ZaloUpdate{"m" + std::to_string(++messages_), user, text}.wrapped());
}

std::string ZaloBotRuntime::invite(const std::string& handle) {
  const std::string code = "code-" + handle;
  const auto now = clock_.now().time_since_epoch().count();
  runtime_->writer().run([&](storage::Connection& db) {
    const auto member = storage::MemberRepository(db).by_handle(handle);
    storage::InviteRepository(db).create(code, member->id, now, now + 86400);
    return true;
  });
  return code;
}

std::int64_t ZaloBotRuntime::query_int(const std::string& sql) {
  return runtime_->writer().run([&](storage::Connection& db) {
    return static_cast<std::int64_t>(db.execAndGet(sql).getInt64());
  });
}

}  // namespace wgbot::testing
