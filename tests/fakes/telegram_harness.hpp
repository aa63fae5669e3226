// wgbot's Telegram side wired as the app wires it — TestBot (temp SQLite, demo roster, writer,
// dispatcher, ManualClock) + Metrics + TelegramPlatform + the bot's HttpServer on 127.0.0.1:0 —
// talking over loopback HTTP to a FakeTelegram.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/media_shelf.hpp"
#include "bot/platform/platform_host.hpp"
#include "bot/telegram/telegram_platform.hpp"
#include "core/metrics.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/test_bot.hpp"

namespace wgbot::testing {

struct HarnessOptions {
  std::string public_url;             // set: webhook mode; "": long polling
  RateConfig rate{1000, 1000, 1000};  // high, so a conversation is not held by the ManualClock
  std::size_t max_body_bytes = 1 << 20;
  bool start = true;               // start the platform and wait for its start-up calls
  std::string preset_webhook_url;  // what the fake reports before the bot starts
  storage::WriterOptions writer;
  IngestOptions ingest;
};

class TelegramHarness {
 public:
  explicit TelegramHarness(HarnessOptions options = {});
  ~TelegramHarness();
  TelegramHarness(const TelegramHarness&) = delete;
  TelegramHarness& operator=(const TelegramHarness&) = delete;

  // Starts the platform and waits until it is ready (setWebhook, or the first getUpdates).
  void start();
  // Graceful stop; true if it finished in time.
  bool stop_platform();
  // A new platform over the same database (long polling only: the route stays the old one's).
  void restart_platform();

  FakeTelegram& fake() { return fake_; }
  TestBot& bot() { return *bot_; }
  Metrics& metrics() { return metrics_; }
  telegram::TelegramPlatform& platform() { return *platform_; }
  OutboxSender& sender() { return host_->sender(); }
  [[nodiscard]] unsigned short port() const { return server_->port(); }
  [[nodiscard]] const std::string& secret() const { return secret_; }

  // POST /webhook/telegram with the right secret (or `secret` if given, "" = no header).
  test::HttpResult post_update(const std::string& body,
                               std::optional<std::string> secret = std::nullopt);
  // One integer from the database (through the writer).
  std::int64_t query_int(const std::string& sql);
  // The metrics page, for counters.
  std::string metrics_text() const { return metrics_.render({}); }

 private:
  std::shared_ptr<const Config> config_;
  HarnessOptions options_;
  FakeTelegram fake_;
  std::unique_ptr<TestBot> bot_;
  Metrics metrics_;
  http::MediaShelf media_;
  std::unique_ptr<IngestService> ingest_;
  boost::asio::io_context ioc_;
  std::unique_ptr<PlatformContext> context_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::shared_ptr<http::Router> router_;
  std::unique_ptr<http::HttpServer> server_;
  telegram::TelegramPlatform* platform_ = nullptr;  // owned by host_
  std::unique_ptr<PlatformHost> host_;
  std::atomic<PlatformHost*> notify_target_{nullptr};
  std::string secret_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

// "wgbot_x_total{platform=\"telegram\"} N" -> N; -1 when the line is missing. `more_labels`
// follow the platform label: ",reason=\"malformed\"".
long long metric_value(const std::string& page, const std::string& name,
                       const std::string& more_labels = "");

}  // namespace wgbot::testing
