// The bot's own HTTP endpoints: /healthz, /readyz, /metrics.
#pragma once

#include <memory>

#include "bot/http/router.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"

namespace wgbot {

namespace storage {
class Writer;
}

// Adds the service endpoints to `router`.
void add_service_endpoints(http::Router& router, storage::Writer& writer, Metrics& metrics,
                           const Clock& clock);

}  // namespace wgbot
