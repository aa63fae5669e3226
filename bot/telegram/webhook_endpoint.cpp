#include "bot/telegram/webhook_endpoint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <random>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/router.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/telegram/update_parser.hpp"
#include "core/metrics.hpp"

namespace wgbot::telegram {

namespace {

constexpr std::string_view kPlatform = "telegram";

http::Response answer(int status, std::string body = {}) {
  return http::text_response(status, std::move(body));
}

}  // namespace

WebhookEndpoint::WebhookEndpoint(IngestService& ingest, Metrics& metrics, std::string secret)
    : ingest_(ingest), metrics_(metrics), secret_(std::move(secret)) {}

void WebhookEndpoint::add_routes(http::Router& router) {
  router.add("POST", std::string(kWebhookPath),
             [this](http::Request request, http::Responder responder) {
               handle(std::move(request), std::move(responder));
             });
}

void WebhookEndpoint::handle(http::Request request, http::Responder responder) {
  const std::string_view given = request.header(kSecretHeader);
  if (secret_.empty() || given.empty() || !secrets_equal(given, secret_)) {
    metrics_.update_rejected(kPlatform, RejectReason::unauthorized);
    spdlog::warn("event=webhook_rejected platform=telegram request_id={} reason={} remote={}",
                 request.id, given.empty() ? "missing_secret" : "wrong_secret", request.remote);
    responder.send(answer(401, "unauthorized\n"));
    return;
  }
  if (!ready_.load()) {
    metrics_.update_rejected(kPlatform, RejectReason::unavailable);
    spdlog::info("event=webhook_deferred platform=telegram request_id={} reason=not_ready",
                 request.id);
    responder.send(answer(503, "not ready\n"));
    return;
  }
  ParsedUpdate parsed = parse_update(request.body);
  if (parsed.status == UpdateStatus::malformed) {
    metrics_.update_rejected(kPlatform, RejectReason::malformed);
    spdlog::warn("event=webhook_malformed platform=telegram request_id={} reason=\"{}\" bytes={}",
                 request.id, parsed.reason, request.body.size());
    responder.send(answer(400, "malformed update, request id " + request.id + "\n"));
    return;
  }
  if (!parsed.wrong_type.empty() && wrong_types_.first_time(parsed.wrong_type)) {
    spdlog::warn(
        "event=webhook_wrong_type platform=telegram field={} request_id={} note=\"read as absent; "
        "logged "
        "once per field\"",
        parsed.wrong_type, request.id);
  }
  if (parsed.status == UpdateStatus::ignored) {
    spdlog::debug("event=webhook_ignored platform=telegram update_id={} reason=\"{}\"",
                  parsed.update_id, parsed.reason);
    responder.send(answer(200));
    return;
  }
  // The Responder travels with the update; whoever finishes the ingest answers.
  auto shared = std::make_shared<http::Responder>(std::move(responder));
  ingest_.submit(std::move(parsed.inbound), [shared, &metrics = metrics_](const IngestResult& r) {
    if (!r.committed()) metrics.update_rejected(kPlatform, RejectReason::unavailable);
    shared->send(r.committed() ? answer(200) : answer(503, "try again later\n"));
  });
}

}  // namespace wgbot::telegram
