#include "fakes/zalo_oa_bot.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/zalo_oa/zalo_oa_platform.hpp"
#include "config/config.hpp"
#include "fakes/test_bot.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"

namespace wgbot::testing {

namespace {

Config oa_config(const TempDir& dir, const FakeZaloOa& fake) {
  Config config = test_config(dir.file("wgbot.db"));
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.public_url = "https://bot.example.gov.vn";
  config.zalo_oa.app_id = std::string(FakeZaloOa::kAppId);
  config.zalo_oa.app_secret = std::string(FakeZaloOa::kAppSecret);
  config.zalo_oa.oa_secret = std::string(FakeZaloOa::kOaSecret);
  config.zalo_oa.refresh_token = std::string(FakeZaloOa::kSeedRefreshToken);
  config.zalo_oa.api_base_url = fake.base_url();
  config.zalo_oa.oauth_base_url = fake.base_url();
  // The conversations here count every message a chat gets; the digest has tests of its own.
  config.schedule.digest_roles = {};
  return config;
}

// The production platform with limits high enough that the ManualClock need not move between
// messages, and no jitter in the refresh backoff.
PlatformFactory test_factory(std::chrono::milliseconds token_check_every) {
  return [token_check_every](PlatformContext& context) -> std::unique_ptr<Platform> {
    zalo_oa::PlatformOptions options;
    options.token_check_every = token_check_every;
    options.rate = RateLimits{1000, 1000, 1000};
    options.tokens.failure_backoff =
        BackoffPolicy{std::chrono::seconds{30}, std::chrono::minutes{30}, Jitter::none};
    return std::make_unique<zalo_oa::ZaloOaPlatform>(context, options);
  };
}

}  // namespace

ZaloOaBot::ZaloOaBot(const TempDir& dir, FakeZaloOa& fake,
                     std::chrono::milliseconds token_check_every)
    : clock_(std::chrono::sys_seconds{std::chrono::seconds{kStart}}) {
  RuntimeOptions options;
  options.platforms = {test_factory(token_check_every)};
  options.io_threads = 2;
  runtime_ = std::make_unique<BotRuntime>(std::make_shared<const Config>(oa_config(dir, fake)),
                                          clock_, std::move(options));
  runtime_->start();
  thread_ = std::thread([this] { runtime_->run(); });
}

ZaloOaBot::~ZaloOaBot() {
  stop();
}

void ZaloOaBot::stop() {
  if (!thread_.joinable()) return;
  runtime_->request_stop();
  thread_.join();
}

test::HttpResult ZaloOaBot::post(const std::string& body, std::optional<std::string> signature) {
  const std::string mac = signature.value_or(FakeZaloOa::sign(body));
  test::HeaderList headers = {{"Content-Type", "application/json"}};
  if (!mac.empty()) headers.emplace_back("X-ZEvent-Signature", mac);
  return test::http_request(runtime_->port(), "POST", "/webhook/zalo-oa", body, headers);
}

int ZaloOaBot::say(const std::string& user, const std::string& text) {
  const std::string msg_id = "msg-" + user + "-" + std::to_string(++messages_);
  const auto at_ms = clock_.now().time_since_epoch().count() * 1000;
  return post(FakeZaloOa::text_event(user, msg_id, text, at_ms)).status;
}

std::string ZaloOaBot::invite(const std::string& handle) {
  const std::string code = "code-" + handle;
  const auto now = clock_.now().time_since_epoch().count();
  runtime_->writer().run([&](storage::Connection& db) {
    const auto member = storage::MemberRepository(db).by_handle(handle);
    storage::InviteRepository(db).create(code, member->id, now, now + 86400);
    return true;
  });
  return code;
}

std::int64_t ZaloOaBot::query_int(const std::string& sql) {
  return runtime_->writer().run(
      [&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
}

}  // namespace wgbot::testing
