// What every platform's webhook endpoint does alike once it has verified and parsed a request:
// logs a field that came with another type (once per field), and answers the platform only
// when the update is stored — 200, or 503 so that the platform delivers it again.
#pragma once

#include <string_view>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/http_types.hpp"

namespace wgbot {

class LogOnce;
class Metrics;

// `event=webhook_wrong_type platform=… field=… request_id=…`, the first time `field` is seen.
void log_wrong_type(LogOnce& seen, std::string_view platform, std::string_view field,
                    std::string_view request_id);

// The ingest callback that answers `responder`: 200 when the update is stored, else 503 (counted
// as an unavailable rejection for `platform`, which must be a string that outlives the call).
[[nodiscard]] IngestService::Done answer_when_stored(http::Responder responder, Metrics& metrics,
                                                     std::string_view platform);

}  // namespace wgbot
