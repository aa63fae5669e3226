// POST /webhook/zalo-oa: verify the MAC over the raw body, parse the event, hand it to the
// ingest service, and answer 200 only once it is stored (503 otherwise, so Zalo redelivers).
// Echoes of the OA's own sends and receipts get 200 and are dropped.
#pragma once

#include <string>
#include <string_view>

#include "bot/http/http_types.hpp"
#include "bot/platform/platform_forward.hpp"
#include "core/log_once.hpp"

namespace wgbot::zalo_oa {

inline constexpr std::string_view kWebhookPath = "/webhook/zalo-oa";

class WebhookEndpoint {
 public:
  // `app_id` and `oa_secret` sign every event; an empty secret refuses every request.
  WebhookEndpoint(IngestService& ingest, Metrics& metrics, std::string app_id,
                  std::string oa_secret);
  WebhookEndpoint(const WebhookEndpoint&) = delete;
  WebhookEndpoint& operator=(const WebhookEndpoint&) = delete;

  // Registers the route; this object must outlive the server that uses `router`.
  void add_routes(http::Router& router);
  void handle(const http::Request& request, http::Responder responder);

 private:
  [[nodiscard]] bool verified(const http::Request& request, const std::string& timestamp) const;

  IngestService& ingest_;
  Metrics& metrics_;
  const std::string app_id_;
  const std::string oa_secret_;
  LogOnce wrong_types_;  // fields that came with another type, logged once each
};

}  // namespace wgbot::zalo_oa
