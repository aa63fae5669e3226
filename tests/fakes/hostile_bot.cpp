#include "fakes/hostile_bot.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "bot/telegram/telegram_platform.hpp"
#include "bot/zalo_bot/zalo_bot_platform.hpp"
#include "bot/zalo_oa/zalo_oa_platform.hpp"
#include "config/config.hpp"
#include "fakes/test_bot.hpp"
#include "fakes/zalo_bot_runtime.hpp"
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

test::HeaderList telegram_auth(const std::string&) {
  return {{"Content-Type", "application/json"},
          {"X-Telegram-Bot-Api-Secret-Token", kHostileTelegramSecret}};
}

std::string telegram_text(const std::string& user, const std::string& text, std::int64_t id) {
  const json from = {{"id", std::stoll(user)}, {"is_bot", false}, {"first_name", "Người dùng"}};
  return json{{"update_id", id},
              {"message",
               {{"message_id", id},
                {"from", from},
                {"chat", {{"id", std::stoll(user)}, {"type", "private"}}},
                {"date", kStart},
                {"text", text}}}}
      .dump();
}

test::HeaderList zalo_bot_auth(const std::string&) {
  return {{"Content-Type", "application/json"}, {"X-Bot-Api-Secret-Token", kHostileZaloSecret}};
}

std::string zalo_bot_text(const std::string& user, const std::string& text, std::int64_t id) {
  return ZaloUpdate{"zm" + std::to_string(id), user, text}.wrapped();
}

test::HeaderList zalo_oa_auth(const std::string& body) {
  return {{"Content-Type", "application/json"}, {"X-ZEvent-Signature", FakeZaloOa::sign(body)}};
}

std::string zalo_oa_text(const std::string& user, const std::string& text, std::int64_t id) {
  return FakeZaloOa::text_event(user, "om" + std::to_string(id), text, kStart * 1000);
}

Config hostile_config(const TempDir& dir, const FakeTelegram& tg, const FakeZaloBot& zb,
                      const FakeZaloOa& oa) {
  Config config = test_config(dir.file("wgbot.db"));
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.public_url = "https://bot.example.gov.vn";
  config.http_max_body_bytes = HostileBot::kMaxBody;
  config.telegram.token = std::string(FakeTelegram::kToken);
  config.telegram.api_base_url = tg.base_url();
  config.telegram.webhook_secret = kHostileTelegramSecret;
  config.telegram.rate = RateConfig{1000, 1000, 1000};
  config.zalo_bot.token = std::string(FakeZaloBot::kToken);
  config.zalo_bot.api_base_url = zb.base_url();
  config.zalo_bot.webhook_secret = kHostileZaloSecret;
  config.zalo_oa.app_id = std::string(FakeZaloOa::kAppId);
  config.zalo_oa.app_secret = std::string(FakeZaloOa::kAppSecret);
  config.zalo_oa.oa_secret = std::string(FakeZaloOa::kOaSecret);
  config.zalo_oa.refresh_token = std::string(FakeZaloOa::kSeedRefreshToken);
  config.zalo_oa.api_base_url = oa.base_url();
  config.zalo_oa.oauth_base_url = oa.base_url();
  return config;
}

std::vector<PlatformFactory> hostile_platforms() {
  return {
      [](PlatformContext& context) -> std::unique_ptr<Platform> {
        telegram::PlatformOptions o;
        o.startup_backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
        return std::make_unique<telegram::TelegramPlatform>(context, o);
      },
      [](PlatformContext& context) -> std::unique_ptr<Platform> {
        zalo_bot::PlatformOptions o;
        o.startup_backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
        o.rate = RateLimits{1000, 1000, 1000};
        return std::make_unique<zalo_bot::ZaloBotPlatform>(context, o);
      },
      [](PlatformContext& context) -> std::unique_ptr<Platform> {
        zalo_oa::PlatformOptions o;
        o.rate = RateLimits{1000, 1000, 1000};
        return std::make_unique<zalo_oa::ZaloOaPlatform>(context, o);
      },
  };
}

}  // namespace

const WebhookTarget& telegram_target() {
  static const WebhookTarget kTarget{"telegram", "/webhook/telegram", telegram_auth, telegram_text};
  return kTarget;
}

const WebhookTarget& zalo_bot_target() {
  static const WebhookTarget kTarget{"zalo_bot", "/webhook/zalo", zalo_bot_auth, zalo_bot_text};
  return kTarget;
}

const WebhookTarget& zalo_oa_target() {
  static const WebhookTarget kTarget{"zalo_oa", "/webhook/zalo-oa", zalo_oa_auth, zalo_oa_text};
  return kTarget;
}

HostileBot::HostileBot() : clock_(std::chrono::sys_seconds{std::chrono::seconds{kStart}}) {
  RuntimeOptions options;
  options.platforms = hostile_platforms();
  options.io_threads = 2;
  options.http_header_timeout = kTimeout;
  options.http_body_timeout = kTimeout;
  options.http_idle_timeout = kTimeout;
  runtime_ = std::make_unique<BotRuntime>(
      std::make_shared<const Config>(hostile_config(dir_, telegram_, zalo_bot_, zalo_oa_)), clock_,
      std::move(options));
  runtime_->start();
  thread_ = std::thread([this] { runtime_->run(); });
  if (!telegram_.wait_for("setWebhook", 1) || !zalo_bot_.wait_for("setWebhook", 1)) {
    throw std::runtime_error("the platforms did not start");
  }
}

HostileBot::~HostileBot() {
  if (!thread_.joinable()) return;
  runtime_->request_stop();
  thread_.join();
}

test::HttpResult HostileBot::post(const WebhookTarget& target, const std::string& body) {
  return post(target, body, target.auth(body));
}

test::HttpResult HostileBot::post(const WebhookTarget& target, const std::string& body,
                                  const test::HeaderList& headers) {
  return test::http_request(port(), "POST", target.path, body, headers);
}

std::int64_t HostileBot::query_int(const std::string& sql) {
  return runtime_->writer().run(
      [&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
}

std::string HostileBot::query_text(const std::string& sql) {
  return runtime_->writer().run(
      [&](storage::Connection& db) { return db.execAndGet(sql).getString(); });
}

std::string HostileBot::state_counts() {
  std::string out;
  for (const char* table : {"inbox", "outbox", "tasks", "task_assignees", "accounts", "members",
                            "invites", "reminders", "chats", "audit_log"}) {
    out += std::string(table) + "=" +
           std::to_string(query_int(std::string("SELECT COUNT(*) FROM ") + table)) + " ";
  }
  return out;
}

bool HostileBot::healthy() {
  const auto res = test::http_request(port(), "GET", "/healthz");
  return res.status == 200 && res.body == "ok\n";
}

std::string HostileBot::invite(const std::string& handle) {
  const std::string code = "HOSTILE" + std::to_string(++invites_);
  const auto now = clock_.now().time_since_epoch().count();
  runtime_->writer().run([&](storage::Connection& db) {
    const auto member = storage::MemberRepository(db).by_handle(handle);
    storage::InviteRepository(db).create(code, member->id, now, now + 86400);
    return true;
  });
  return code;
}

}  // namespace wgbot::testing
