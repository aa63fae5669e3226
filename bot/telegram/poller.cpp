#include "bot/telegram/poller.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "bot/dispatch/ingest_awaitable.hpp"
#include "bot/platform/intake_lifecycle.hpp"
#include "bot/telegram/api_client_awaitable.hpp"
#include "bot/telegram/update_parser.hpp"
#include "core/metrics.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/writer_awaitable.hpp"

namespace wgbot::telegram {

namespace asio = boost::asio;

namespace {

constexpr std::string_view kPlatform = "telegram";
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::optional<std::int64_t> parse_offset(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void log_failure(std::string_view step, const ApiResult& r, int failures) {
  if (r.outcome == ApiOutcome::conflict) {
    spdlog::warn(
        "event=poll_conflict platform=telegram step={} failures={} detail=\"another getUpdates "
        "client is running with this token, or a webhook is set\" description=\"{}\"",
        step, failures, r.description);
  } else if (r.outcome == ApiOutcome::unauthorized) {
    spdlog::error(
        "event=poll_failed platform=telegram step={} failures={} detail=\"the bot token "
        "was rejected\" description=\"{}\"",
        step, failures, r.description);
  } else {
    spdlog::warn(
        "event=poll_failed platform=telegram step={} outcome={} code={} failures={} "
        "description=\"{}\"",
        step, to_string(r.outcome), r.error_code, failures, r.description);
  }
}

}  // namespace

struct Poller::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& ioc, ApiClient& a, storage::Writer& w, IngestService& i, Metrics& m,
       PollerOptions o)
      : api(a), writer(w), ingest(i), metrics(m), options(o), lifecycle(ioc) {}

  ApiClient& api;
  storage::Writer& writer;
  IngestService& ingest;
  Metrics& metrics;
  const PollerOptions options;
  IntakeLifecycle lifecycle;

  asio::awaitable<void> run();
  asio::awaitable<std::optional<std::optional<std::int64_t>>> load_offset();
  asio::awaitable<bool> remove_webhook();
  asio::awaitable<bool> store(const GetUpdatesResult& batch);
};

// The persisted offset (inner nullopt: never polled before); outer nullopt when stopping.
asio::awaitable<std::optional<std::optional<std::int64_t>>> Poller::Impl::load_offset() {
  for (int failures = 1;; ++failures) {
    auto read = [](storage::Connection& db) {
      return storage::StateRepository(db).get(std::string(kPollOffsetKey)).value_or("");
    };
    auto op = storage::async_write(writer, std::move(read), kTuple);
    auto [result, value] = co_await std::move(op);
    if (result.ok()) co_return std::optional<std::optional<std::int64_t>>{parse_offset(value)};
    spdlog::warn("event=poll_offset_unreadable platform=telegram error=\"{}\"", result.error);
    if (!co_await lifecycle.pause(failures, options.backoff)) co_return std::nullopt;
  }
}

// getUpdates fails with 409 while a webhook is set, so a bot switched to polling removes it.
asio::awaitable<bool> Poller::Impl::remove_webhook() {
  for (int failures = 1; !lifecycle.stopping(); ++failures) {
    auto info_op = async_call(api, "getWebhookInfo", nlohmann::json::object(), kCallTimeout,
                              &lifecycle.canceller(), asio::use_awaitable);
    const ApiResult info = co_await std::move(info_op);
    if (lifecycle.stopping()) co_return false;
    if (info.outcome == ApiOutcome::ok) {
      const bool set = info.result.is_object() && !info.result.value("url", "").empty();
      if (!set) co_return true;
      auto delete_op = async_call(api, "deleteWebhook", {{"drop_pending_updates", false}},
                                  kCallTimeout, &lifecycle.canceller(), asio::use_awaitable);
      const ApiResult removed = co_await std::move(delete_op);
      if (lifecycle.stopping()) co_return false;
      if (removed.outcome == ApiOutcome::ok) {
        spdlog::warn(
            "event=webhook_removed platform=telegram reason=\"no public_url: long "
            "polling replaces the webhook that was set\"");
        co_return true;
      }
      log_failure("deleteWebhook", removed, failures);
    } else {
      log_failure("getWebhookInfo", info, failures);
    }
    metrics.set_reachable(kPlatform, info.error_code != 0);
    if (!co_await lifecycle.pause(failures, options.backoff)) co_return false;
  }
  co_return false;
}

// GCC 12 mishandles temporaries inside a co_await expression (they may be destroyed twice), so
// every operation below is created in a statement of its own and then awaited.

// The batch's updates through the ingest service in one writer job, with the next offset, so
// the offset moves only past what is stored.
asio::awaitable<bool> Poller::Impl::store(const GetUpdatesResult& batch) {
  std::vector<Inbound> updates;
  int ignored = 0;
  for (const RawUpdate& raw : batch.updates) {
    ParsedUpdate parsed = parse_update(raw.json);
    if (parsed.status != UpdateStatus::ok) {
      ++ignored;
      continue;
    }
    updates.push_back(std::move(parsed.inbound));
  }
  const std::size_t count = updates.size();
  auto save_offset = [next = batch.next_offset](storage::Connection& db) {
    if (next) storage::StateRepository(db).set(std::string(kPollOffsetKey), std::to_string(*next));
  };
  auto op = async_submit_batch(ingest, std::move(updates), std::move(save_offset), kTuple);
  auto [result] = co_await std::move(op);
  if (!result.committed()) {
    spdlog::warn("event=poll_batch_not_stored platform=telegram updates={} error=\"{}\"", count,
                 result.error);
    co_return false;
  }
  spdlog::debug("event=poll_batch platform=telegram received={} duplicated={} ignored={}",
                result.stored, result.duplicates, ignored);
  co_return true;
}

asio::awaitable<void> Poller::Impl::run() {
  auto loaded = co_await load_offset();
  if (!loaded || !co_await remove_webhook()) co_return;
  std::optional<std::int64_t> offset = *loaded;
  spdlog::info("event=polling_started platform=telegram offset={}", offset.value_or(0));
  int failures = 0;
  while (!lifecycle.stopping()) {
    auto poll = async_get_updates(api, offset, options.poll_timeout, &lifecycle.canceller(),
                                  asio::use_awaitable);
    const GetUpdatesResult batch = co_await std::move(poll);
    if (lifecycle.stopping()) break;
    metrics.set_reachable(kPlatform, batch.api.error_code != 0);
    if (batch.api.outcome != ApiOutcome::ok) {
      log_failure("getUpdates", batch.api, ++failures);
      if (!co_await lifecycle.pause(failures, options.backoff)) break;
      continue;
    }
    if (batch.updates.empty()) {
      failures = 0;
      continue;
    }
    if (co_await store(batch)) {
      failures = 0;
      offset = batch.next_offset;
    } else if (!co_await lifecycle.pause(++failures, options.backoff)) {
      break;
    }
  }
  spdlog::info("event=polling_stopped platform=telegram");
}

Poller::Poller(asio::io_context& ioc, ApiClient& api, storage::Writer& writer,
               IngestService& ingest, Metrics& metrics, PollerOptions options)
    : impl_(std::make_shared<Impl>(ioc, api, writer, ingest, metrics, options)) {
  attach(impl_->lifecycle, [impl = impl_] {
    impl->lifecycle.start([raw = impl.get()] { return raw->run(); },
                          "event=poller_crashed platform=telegram", impl);
  });
}

Poller::~Poller() = default;

}  // namespace wgbot::telegram
