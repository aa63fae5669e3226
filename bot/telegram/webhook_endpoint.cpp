#include "bot/telegram/webhook_endpoint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <random>

#include "bot/core/metrics.hpp"
#include "bot/dispatch/dispatcher.hpp"
#include "bot/http/router.hpp"
#include "bot/telegram/update_parser.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot::telegram {

namespace {

constexpr std::string_view kPlatform = "telegram";

std::string random_prefix() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

http::Response answer(int status, std::string body = {}) {
  return http::text_response(status, std::move(body));
}

}  // namespace

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

WebhookEndpoint::WebhookEndpoint(storage::Writer& writer, Dispatcher& dispatcher, Metrics& metrics,
                                 std::string secret)
    : writer_(writer),
      dispatcher_(dispatcher),
      metrics_(metrics),
      secret_(std::move(secret)),
      instance_(random_prefix()) {}

void WebhookEndpoint::add_routes(http::Router& router) {
  router.add("POST", std::string(kWebhookPath),
             [this](http::Request request, http::Responder responder) {
               handle(std::move(request), std::move(responder));
             });
}

void WebhookEndpoint::handle(http::Request request, http::Responder responder) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view given = request.header(kSecretHeader);
  if (secret_.empty() || given.empty() || !secrets_equal(given, secret_)) {
    metrics_.update_rejected(kPlatform);
    spdlog::warn("event=webhook_rejected platform=telegram reason={} remote={}",
                 given.empty() ? "missing_secret" : "wrong_secret", request.remote);
    responder.send(answer(401, "unauthorized\n"));
    return;
  }
  if (!ready_.load()) {
    spdlog::info("event=webhook_deferred platform=telegram reason=not_ready");
    responder.send(answer(503, "not ready\n"));
    return;
  }
  ParsedUpdate parsed = parse_update(request.body);
  if (parsed.status == UpdateStatus::malformed) {
    const std::string id = instance_ + "-" + std::to_string(++next_request_);
    spdlog::warn("event=webhook_malformed platform=telegram request_id={} reason=\"{}\" bytes={}",
                 id, parsed.reason, request.body.size());
    http::Response response = answer(400, "malformed update, request id " + id + "\n");
    response.headers.emplace_back("X-Request-Id", id);
    responder.send(std::move(response));
    return;
  }
  if (parsed.status == UpdateStatus::ignored) {
    spdlog::debug("event=webhook_ignored platform=telegram update_id={} reason=\"{}\"",
                  parsed.update_id, parsed.reason);
    responder.send(answer(200));
    return;
  }
  // The Responder and the job's result travel to the writer thread, which answers.
  auto shared = std::make_shared<http::Responder>(std::move(responder));
  auto result = std::make_shared<DispatchResult>();
  auto in = std::make_shared<const Inbound>(std::move(parsed.inbound));
  writer_.submit(
      [this, in, result](storage::Connection& db) { *result = dispatcher_.process(db, *in); },
      [this, in, result, shared, started](const storage::WriteResult& r) {
        switch (r.status) {
          case storage::WriteStatus::ok:
          case storage::WriteStatus::job_failed:  // a bug, logged by the writer; do not redeliver
            if (!r.ok()) {
              spdlog::error("event=webhook_job_failed platform=telegram update_id={} error=\"{}\"",
                            in->update_key, r.error);
            }
            if (result->duplicate) {
              metrics_.update_duplicated(kPlatform);
            } else {
              metrics_.update_received(kPlatform);
            }
            metrics_.observe_handler_seconds(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            shared->send(answer(200));
            return;
          case storage::WriteStatus::unavailable:
          case storage::WriteStatus::stopped:
            spdlog::warn("event=webhook_unavailable platform=telegram update_id={} error=\"{}\"",
                         in->update_key, r.error);
            shared->send(answer(503, "try again later\n"));
            return;
        }
      });
}

}  // namespace wgbot::telegram
