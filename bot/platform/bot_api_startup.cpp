#include "bot/platform/bot_api_startup.hpp"

#include <spdlog/spdlog.h>

#include "core/metrics.hpp"

namespace wgbot {

void log_call_failed_line(std::string_view event, std::string_view method, std::string_view outcome,
                          int code, const std::string& description) {
  spdlog::warn("{} method={} outcome={} code={} description=\"{}\"", event, method, outcome, code,
               description);
}

BotApiStartup::BotApiStartup(boost::asio::io_context& ioc, Metrics& metrics,
                             std::string_view platform, const std::string& public_url,
                             BackoffPolicy backoff, Steps steps)
    : metrics_(metrics),
      platform_(platform),
      webhook_mode_(!public_url.empty()),
      backoff_(backoff),
      body_(std::move(steps.body)),
      crash_event_(std::move(steps.crash_event)),
      lifecycle_(ioc, std::move(steps.stop_poller)) {}

void BotApiStartup::reachable(bool up) const {
  metrics_.set_reachable(platform_, up);
}

BotApiStartup::Intake BotApiStartup::next_intake(bool routes_added,
                                                 std::string_view api_name) const {
  if (!webhook_mode_) return Intake::poll;
  if (routes_added) return Intake::set_webhook;
  spdlog::error(
      "event=webhook_not_registered platform={} detail=\"add_routes was not called; {}'s "
      "requests would find no route\"",
      platform_, api_name);
  return Intake::none;
}

void BotApiStartup::start() {
  lifecycle_.start(body_, crash_event_);
}

void BotApiStartup::stop(std::function<void()> done) {
  lifecycle_.stop(std::move(done));
}

}  // namespace wgbot
