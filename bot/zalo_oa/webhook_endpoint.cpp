#include "bot/zalo_oa/webhook_endpoint.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/router.hpp"
#include "bot/platform/webhook_ingest.hpp"
#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/signature.hpp"
#include "core/metrics.hpp"

namespace wgbot::zalo_oa {

namespace {

http::Response answer(int status, std::string body = {}) {
  return http::text_response(status, std::move(body));
}

// Some sources put the OA id, not the app id, first in the MAC. When a MAC fails, say whether
// that variant would have matched, so a misconfiguration can be told from a forgery (the
// request is refused either way).
bool oa_id_variant_matches(const http::Request& request, const std::string& timestamp,
                           const std::string& secret) {
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object()) return false;
  std::string oa_id;
  if (const auto it = body.find("oa_id"); it != body.end() && it->is_string()) {
    oa_id = it->get<std::string>();
  } else if (const auto r = body.find("recipient"); r != body.end() && r->is_object()) {
    if (const auto id = r->find("id"); id != r->end() && id->is_string()) {
      oa_id = id->get<std::string>();
    }
  }
  return !oa_id.empty() && signature_matches(request.header(kSignatureHeader), oa_id, request.body,
                                             timestamp, secret);
}

}  // namespace

WebhookEndpoint::WebhookEndpoint(IngestService& ingest, Metrics& metrics, std::string app_id,
                                 std::string oa_secret)
    : ingest_(ingest),
      metrics_(metrics),
      app_id_(std::move(app_id)),
      oa_secret_(std::move(oa_secret)) {}

void WebhookEndpoint::add_routes(http::Router& router) {
  router.add("POST", std::string(kWebhookPath),
             [this](const http::Request& request, http::Responder responder) {
               handle(request, std::move(responder));
             });
}

bool WebhookEndpoint::verified(const http::Request& request, const std::string& timestamp) const {
  const std::string_view given = request.header(kSignatureHeader);
  if (signature_matches(given, app_id_, request.body, timestamp, oa_secret_)) return true;
  metrics_.update_rejected(kPlatformId, RejectReason::unauthorized);
  spdlog::warn(
      "event=webhook_rejected platform=zalo_oa request_id={} reason={} oa_id_variant_matches={} "
      "remote={}",
      request.id, given.empty() ? "missing_signature" : "wrong_signature",
      !given.empty() && oa_id_variant_matches(request, timestamp, oa_secret_), request.remote);
  return false;
}

void WebhookEndpoint::handle(const http::Request& request, http::Responder responder) {
  // The MAC covers the timestamp inside the body, so the body is read (not trusted) first.
  const std::string timestamp = event_timestamp(request.body);
  if (!verified(request, timestamp)) {
    responder.send(answer(401, "unauthorized\n"));
    return;
  }
  ParsedEvent parsed = parse_event(request.body);
  if (parsed.status == EventStatus::malformed) {
    metrics_.update_rejected(kPlatformId, RejectReason::malformed);
    spdlog::warn(
        "event=webhook_malformed platform=zalo_oa request_id={} event_name={} reason=\"{}\" "
        "bytes={}",
        request.id, parsed.event_name, parsed.reason, request.body.size());
    responder.send(answer(400, "malformed event, request id " + request.id + "\n"));
    return;
  }
  log_wrong_type(wrong_types_, kPlatformId, parsed.wrong_type, request.id);
  if (parsed.status == EventStatus::ignored) {
    spdlog::debug("event=webhook_ignored platform=zalo_oa event_name={} reason=\"{}\"",
                  parsed.event_name, parsed.reason);
    responder.send(answer(200));
    return;
  }
  ingest_.submit(std::move(parsed.inbound),
                 answer_when_stored(std::move(responder), metrics_, kPlatformId));
}

}  // namespace wgbot::zalo_oa
