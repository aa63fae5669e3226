#include "bot/platform/webhook_ingest.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "core/log_once.hpp"
#include "core/metrics.hpp"

namespace wgbot {

void log_wrong_type(LogOnce& seen, std::string_view platform, std::string_view field,
                    std::string_view request_id) {
  if (field.empty() || !seen.first_time(field)) return;
  spdlog::warn(
      "event=webhook_wrong_type platform={} field={} request_id={} note=\"read as absent; logged "
      "once per field\"",
      platform, field, request_id);
}

IngestService::Done answer_when_stored(http::Responder responder, Metrics& metrics,
                                       std::string_view platform) {
  // The Responder travels with the update; whoever finishes the ingest answers.
  auto shared = std::make_shared<http::Responder>(std::move(responder));
  return [shared, &metrics, platform](const IngestResult& r) {
    if (!r.committed()) metrics.update_rejected(platform, RejectReason::unavailable);
    shared->send(r.committed() ? http::text_response(200, {})
                               : http::text_response(503, "try again later\n"));
  };
}

}  // namespace wgbot
