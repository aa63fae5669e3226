#include "bot/zalo_bot/poller.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string>
#include <vector>

#include "bot/dispatch/ingest_awaitable.hpp"
#include "bot/platform/intake_lifecycle.hpp"
#include "bot/zalo_bot/api_client_awaitable.hpp"
#include "bot/zalo_bot/bot_identity.hpp"
#include "bot/zalo_bot/update_parser.hpp"
#include "core/metrics.hpp"

namespace wgbot::zalo_bot {

namespace asio = boost::asio;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

void log_failure(std::string_view step, const ApiResult& r, int failures) {
  if (r.outcome == ApiOutcome::unauthorized) {
    spdlog::error(
        "event=poll_failed platform=zalo_bot step={} failures={} detail=\"the bot token "
        "was rejected\" description=\"{}\"",
        step, failures, r.description);
    return;
  }
  spdlog::warn(
      "event=poll_failed platform=zalo_bot step={} outcome={} code={} failures={} "
      "description=\"{}\"",
      step, to_string(r.outcome), r.error_code, failures, r.description);
}

}  // namespace

struct Poller::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& ioc, ApiClient& a, IngestService& i, Metrics& m, const BotIdentity& id,
       PollerOptions o)
      : api(a), ingest(i), metrics(m), identity(id), options(o), lifecycle(ioc) {}

  ApiClient& api;
  IngestService& ingest;
  Metrics& metrics;
  const BotIdentity& identity;
  const PollerOptions options;
  IntakeLifecycle lifecycle;

  asio::awaitable<void> run();
  asio::awaitable<bool> remove_webhook();
  asio::awaitable<void> store(const ApiResult& answer);
};

// getUpdates does not work while a webhook is set, so a bot switched to polling removes it.
asio::awaitable<bool> Poller::Impl::remove_webhook() {
  for (int failures = 1; !lifecycle.stopping(); ++failures) {
    // GCC 12 mishandles temporaries inside co_await: the operation is made first.
    auto op = async_call(api, "deleteWebhook", nlohmann::json::object(), kCallTimeout,
                         &lifecycle.canceller(), asio::use_awaitable);
    const ApiResult removed = co_await std::move(op);
    if (lifecycle.stopping()) co_return false;
    metrics.set_reachable(kPlatformId, removed.error_code != 0);
    if (removed.succeeded()) co_return true;
    log_failure("deleteWebhook", removed, failures);
    if (!co_await lifecycle.pause(failures, options.backoff)) co_return false;
  }
  co_return false;
}

// One update, through the ingest service as a batch of one (the poller's path: it waits for
// the database rather than being refused). Zalo will not hand it out again either way.
asio::awaitable<void> Poller::Impl::store(const ApiResult& answer) {
  ParsedUpdate parsed = parse_update_json(
      answer.result, answer.result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      identity.names());
  if (parsed.status != UpdateStatus::ok) {
    spdlog::debug("event=poll_update_skipped platform=zalo_bot reason=\"{}\"", parsed.reason);
    co_return;
  }
  std::vector<Inbound> batch;
  batch.push_back(std::move(parsed.inbound));
  auto op = async_submit_batch(ingest, std::move(batch), nullptr, kTuple);
  auto [result] = co_await std::move(op);
  if (!result.committed()) {
    spdlog::error("event=poll_update_lost platform=zalo_bot error=\"{}\"", result.error);
  }
}

asio::awaitable<void> Poller::Impl::run() {
  if (!co_await remove_webhook()) co_return;
  spdlog::warn(
      "event=polling_started platform=zalo_bot detail=\"Zalo Bot long polling can lose updates "
      "upstream (no offset, no replay); it is meant for development, set public_url for the "
      "webhook\"");
  int failures = 0;
  while (!lifecycle.stopping()) {
    auto poll =
        async_call(api, "getUpdates", {{"timeout", options.poll_timeout.count()}},
                   options.poll_timeout + kPollSlack, &lifecycle.canceller(), asio::use_awaitable);
    const ApiResult answer = co_await std::move(poll);
    if (lifecycle.stopping()) break;
    metrics.set_reachable(kPlatformId, answer.error_code != 0);
    if (answer.outcome == ApiOutcome::no_update) {
      failures = 0;
      continue;
    }
    if (!answer.succeeded()) {
      log_failure("getUpdates", answer, ++failures);
      if (!co_await lifecycle.pause(failures, options.backoff)) break;
      continue;
    }
    failures = 0;
    co_await store(answer);
  }
  spdlog::info("event=polling_stopped platform=zalo_bot");
}

Poller::Poller(asio::io_context& ioc, ApiClient& api, IngestService& ingest, Metrics& metrics,
               const BotIdentity& identity, PollerOptions options)
    : impl_(std::make_shared<Impl>(ioc, api, ingest, metrics, identity, options)) {
  attach(impl_->lifecycle, [impl = impl_] {
    impl->lifecycle.start([raw = impl.get()] { return raw->run(); },
                          "event=poller_crashed platform=zalo_bot", impl);
  });
}

Poller::~Poller() = default;

}  // namespace wgbot::zalo_bot
