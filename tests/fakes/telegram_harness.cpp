#include "fakes/telegram_harness.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <future>
#include <stdexcept>

#include "bot/outbound/outbox_sender.hpp"
#include "storage/connection.hpp"

namespace wgbot::testing {

namespace {

using namespace std::chrono_literals;

Config harness_config(const FakeTelegram& fake, const HarnessOptions& options) {
  Config config = test_config("unused.db");
  config.telegram.token = std::string(FakeTelegram::kToken);
  config.telegram.api_base_url = fake.base_url();
  config.telegram.rate = options.rate;
  config.public_url = options.public_url;
  config.http_max_body_bytes = options.max_body_bytes;
  return config;
}

telegram::PlatformOptions platform_options() {
  telegram::PlatformOptions o;
  o.poller.poll_timeout = std::chrono::seconds{1};
  o.poller.backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
  o.startup_backoff = BackoffPolicy{10ms, 100ms, Jitter::none};
  return o;
}

}  // namespace

TelegramHarness::TelegramHarness(HarnessOptions options) : options_(std::move(options)) {
  fake_.set_webhook_url(options_.preset_webhook_url);
  bot_ = std::make_unique<TestBot>(harness_config(fake_, options_), options_.writer);
  config_ = std::make_shared<const Config>(bot_->config());
  fake_.set_clock(&bot_->clock());
  work_.emplace(boost::asio::make_work_guard(ioc_));
  ingest_ = std::make_unique<IngestService>(bot_->writer(), bot_->dispatcher(), metrics_,
                                            options_.ingest);
  context_ = std::make_unique<PlatformContext>(PlatformContext{ioc_, config_, bot_->writer(),
                                                               *ingest_, bot_->dispatcher(),
                                                               metrics_, bot_->clock(), media_});
  auto platform = std::make_unique<telegram::TelegramPlatform>(*context_, platform_options());
  platform_ = platform.get();
  // As the runtime does: handlers learn what the platform can show (files, buttons).
  bot_->dispatcher().set_capabilities("telegram", platform_->capabilities());
  host_ = std::make_unique<PlatformHost>(*context_, std::move(platform));
  router_ = std::make_shared<http::Router>();
  platform_->add_routes(*router_);
  secret_ = telegram::resolve_webhook_secret(*config_, bot_->writer());
  notify_target_.store(host_.get());
  bot_->writer().set_after_commit([this] {
    if (auto* target = notify_target_.load()) target->notify_outbox();
  });
  http::ServerOptions server_options;
  server_options.host = "127.0.0.1";
  server_options.port = 0;
  server_options.max_body_bytes = options_.max_body_bytes;
  server_ = std::make_unique<http::HttpServer>(ioc_, server_options, router_);
  server_->start();
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
  if (options_.start) start();
}

TelegramHarness::~TelegramHarness() {
  stop_platform();
  notify_target_.store(nullptr);
  auto closed = std::make_shared<std::promise<void>>();
  server_->shutdown(1s, [closed] { closed->set_value(); });
  closed->get_future().wait_for(3s);
  work_.reset();
  ioc_.stop();
  for (auto& t : threads_) t.join();
  bot_->writer().stop();  // its hook and jobs use the host and the ingest service
  host_.reset();
  server_.reset();
  bot_.reset();
}

void TelegramHarness::start() {
  host_->start();
  const bool ready = options_.public_url.empty() ? fake_.wait_for("getUpdates", 1)
                                                 : fake_.wait_for("setWebhook", 1);
  if (!ready) throw std::runtime_error("the Telegram platform did not finish starting");
}

bool TelegramHarness::stop_platform() {
  if (stopped_) return true;
  stopped_ = true;
  auto intake = std::make_shared<std::promise<void>>();
  auto sending = std::make_shared<std::promise<void>>();
  host_->stop_intake([intake] { intake->set_value(); });
  if (intake->get_future().wait_for(5s) != std::future_status::ready) return false;
  bot_->writer().flush();
  host_->stop_sending([sending] { sending->set_value(); });
  return sending->get_future().wait_for(5s) == std::future_status::ready;
}

void TelegramHarness::restart_platform() {
  stop_platform();
  notify_target_.store(nullptr);
  bot_->writer().flush();  // a hook call in progress still uses the old host
  auto platform = std::make_unique<telegram::TelegramPlatform>(*context_, platform_options());
  platform_ = platform.get();
  host_ = std::make_unique<PlatformHost>(*context_, std::move(platform));
  notify_target_.store(host_.get());
  stopped_ = false;
  host_->start();
}

test::HttpResult TelegramHarness::post_update(const std::string& body,
                                              std::optional<std::string> secret) {
  const std::string value = secret.value_or(secret_);
  test::HeaderList headers = {{"Content-Type", "application/json"}};
  if (!value.empty()) headers.emplace_back("X-Telegram-Bot-Api-Secret-Token", value);
  return test::http_request(port(), "POST", "/webhook/telegram", body, headers);
}

std::int64_t TelegramHarness::query_int(const std::string& sql) {
  return bot_->writer().run([&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
}

long long metric_value(const std::string& page, const std::string& name,
                       const std::string& more_labels) {
  const std::string key = name + "{platform=\"telegram\"" + more_labels + "} ";
  const auto pos = page.find(key);
  if (pos == std::string::npos) return -1;
  return std::stoll(page.substr(pos + key.size()));
}

}  // namespace wgbot::testing
