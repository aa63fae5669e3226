#include "bot/telegram/webhook_endpoint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <random>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/router.hpp"
#include "bot/platform/webhook_ingest.hpp"
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
  log_wrong_type(wrong_types_, kPlatform, parsed.wrong_type, request.id);
  if (parsed.status == UpdateStatus::ignored) {
    spdlog::debug("event=webhook_ignored platform=telegram update_id={} reason=\"{}\"",
                  parsed.update_id, parsed.reason);
    responder.send(answer(200));
    return;
  }
  ingest_.submit(std::move(parsed.inbound),
                 answer_when_stored(std::move(responder), metrics_, kPlatform));
}

}  // namespace wgbot::telegram
