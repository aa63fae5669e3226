// The bot's own HTTP endpoints: /healthz, /readyz, /metrics.
#pragma once

#include <chrono>
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "bot/http/router.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"

namespace wgbot {

namespace storage {
class Writer;
}

// A probe answers within this time even when the database does not (locked by another
// process, a slow disk): 503 then, and the write that was started finishes in the background.
inline constexpr std::chrono::milliseconds kReadyAnswerWithin{1000};

// Adds the service endpoints to `router`; `executor` runs the readiness probe's deadline.
void add_service_endpoints(http::Router& router, storage::Writer& writer, Metrics& metrics,
                           const Clock& clock, const boost::asio::any_io_executor& executor,
                           std::chrono::milliseconds ready_within = kReadyAnswerWithin);

}  // namespace wgbot
