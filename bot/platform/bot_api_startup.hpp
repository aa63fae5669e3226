// The start-up Telegram and Zalo Bot share: getMe retried until it answers, then either long
// polling (no public_url) or setWebhook retried until it succeeds, run by an IntakeLifecycle that
// stops the poller with it. Each platform keeps its own steps in between (what it learns from
// getMe, Telegram's command menu), its log lines and its API; this holds the retry, the
// reachability gauge and the webhook-or-poll decision.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/outbound/retry_policy.hpp"
#include "bot/platform/bot_api_result.hpp"
#include "bot/platform/cancellable_call.hpp"
#include "bot/platform/intake_lifecycle.hpp"

namespace wgbot {

class Metrics;

void log_call_failed_line(std::string_view event, std::string_view method, std::string_view outcome,
                          int code, const std::string& description);

// Logs a failed API call as `<event> method=… outcome=… code=… description="…"` (a warning).
template <typename Result>
void log_call_failed(std::string_view event, std::string_view method, const Result& r) {
  log_call_failed_line(event, method, to_string(r.outcome), r.error_code, r.description);
}

class BotApiStartup {
 public:
  // Which way updates come in once the bot knows itself.
  enum class Intake {
    poll,         // no public_url: the caller starts its poller
    set_webhook,  // the caller registers its webhook
    none,         // webhook mode, but add_routes was not called (logged as an error)
  };

  struct Steps {
    // The platform's start-up coroutine, spawned once by start().
    std::function<boost::asio::awaitable<void>()> body;
    // Logs an exception from `body` (e.g. "event=telegram_startup_failed").
    std::string crash_event;
    // Stopped together with start-up: the poller.
    IntakeLifecycle::StopPart stop_poller;
  };

  // `platform`: the id ("telegram") for the reachability gauge and the logs. `public_url` empty
  // means long polling.
  BotApiStartup(boost::asio::io_context& ioc, Metrics& metrics, std::string_view platform,
                const std::string& public_url, BackoffPolicy backoff, Steps steps);

  [[nodiscard]] bool webhook_mode() const { return webhook_mode_; }
  [[nodiscard]] IntakeLifecycle& lifecycle() { return lifecycle_; }
  [[nodiscard]] bool stopping() const { return lifecycle_.stopping(); }

  // Strand only. Calls `method` until it succeeds, pausing with back-off after each failure,
  // which sets the reachability gauge (whether the API answered at all) and is handed to
  // `log_failure(method, result)`. A failed result only when stopping.
  template <typename Result, typename Api, typename LogFailure>
  boost::asio::awaitable<Result> call_until_ok(Api& api, std::string method, nlohmann::json body,
                                               std::chrono::milliseconds timeout,
                                               LogFailure log_failure) {
    auto op = lifecycle_.call_until_ok<Result>(
        [&] {
          return async_api_call<Result>(api, method, body, timeout, &lifecycle_.canceller(),
                                        no_answer_result<Result>("cancelled"),
                                        boost::asio::use_awaitable);
        },
        [&](const Result& r) {
          reachable(r.error_code != 0);
          log_failure(method, r);
        },
        backoff_);
    co_return co_await std::move(op);
  }

  // getMe has answered: the reachability gauge says so.
  void identified() { reachable(true); }
  // Which way intake goes after the platform's own start-up steps. `api_name` ("Telegram")
  // names the sender in the error logged for Intake::none.
  [[nodiscard]] Intake next_intake(bool routes_added, std::string_view api_name) const;

  // Spawns the start-up coroutine; a second start, or one after stop, does nothing. Any thread.
  void start();
  // Cancels start-up and stops the poller; `done` on the io_context.
  void stop(std::function<void()> done);

 private:
  void reachable(bool up) const;

  Metrics& metrics_;
  const std::string platform_;
  const bool webhook_mode_;
  const BackoffPolicy backoff_;
  std::function<boost::asio::awaitable<void>()> body_;
  const std::string crash_event_;
  IntakeLifecycle lifecycle_;
};

}  // namespace wgbot
