#include "bot/zalo_bot/webhook_endpoint.hpp"

#include <spdlog/spdlog.h>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/router.hpp"
#include "bot/platform/slow_reply_notice.hpp"
#include "bot/platform/webhook_ingest.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/zalo_bot/bot_identity.hpp"
#include "bot/zalo_bot/update_parser.hpp"
#include "core/metrics.hpp"

namespace wgbot::zalo_bot {

namespace {

http::Response answer(int status, std::string body = {}) {
  return http::text_response(status, std::move(body));
}

}  // namespace

WebhookEndpoint::WebhookEndpoint(IngestService& ingest, Metrics& metrics,
                                 const BotIdentity& identity, std::string secret,
                                 SlowReplyNotice* slow)
    : ingest_(ingest),
      metrics_(metrics),
      identity_(identity),
      secret_(std::move(secret)),
      slow_(slow) {}

void WebhookEndpoint::add_routes(http::Router& router) {
  router.add("POST", std::string(kWebhookPath),
             [this](const http::Request& request, http::Responder responder) {
               handle(request, std::move(responder));
             });
}

bool WebhookEndpoint::authorised(const http::Request& request) const {
  const std::string_view given = request.header(kSecretHeader);
  if (!secret_.empty() && !given.empty() && secrets_equal(given, secret_)) return true;
  metrics_.update_rejected(kPlatformId, RejectReason::unauthorized);
  spdlog::warn("event=webhook_rejected platform=zalo_bot request_id={} reason={} remote={}",
               request.id, given.empty() ? "missing_secret" : "wrong_secret", request.remote);
  return false;
}

void WebhookEndpoint::handle(const http::Request& request, http::Responder responder) {
  if (!authorised(request)) {
    responder.send(answer(401, "unauthorized\n"));
    return;
  }
  if (!identity_.known()) {
    metrics_.update_rejected(kPlatformId, RejectReason::unavailable);
    spdlog::info("event=webhook_deferred platform=zalo_bot request_id={} reason=not_ready",
                 request.id);
    responder.send(answer(503, "not ready\n"));
    return;
  }
  ParsedUpdate parsed = parse_update(request.body, identity_.names());
  if (parsed.status == UpdateStatus::malformed) {
    metrics_.update_rejected(kPlatformId, RejectReason::malformed);
    spdlog::warn("event=webhook_malformed platform=zalo_bot request_id={} reason=\"{}\" bytes={}",
                 request.id, parsed.reason, request.body.size());
    responder.send(answer(400, "malformed update, request id " + request.id + "\n"));
    return;
  }
  log_wrong_type(wrong_types_, kPlatformId, parsed.wrong_type, request.id);
  if (parsed.status == UpdateStatus::ignored) {
    spdlog::debug("event=webhook_ignored platform=zalo_bot reason=\"{}\"", parsed.reason);
    responder.send(answer(200));
    return;
  }
  IngestService::Done done = answer_when_stored(std::move(responder), metrics_, kPlatformId);
  if (slow_ != nullptr) done = slow_->watch(parsed.inbound, std::move(done));
  ingest_.submit(std::move(parsed.inbound), std::move(done));
}

}  // namespace wgbot::zalo_bot
