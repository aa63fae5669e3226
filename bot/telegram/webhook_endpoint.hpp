// POST /webhook/telegram: verify the secret header, parse the Update, hand it to the ingest
// service, and answer 200 only once it is stored; 503 when it could not be (Telegram redelivers).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/http/http_types.hpp"
#include "bot/platform/platform_forward.hpp"
#include "core/log_once.hpp"

namespace wgbot::telegram {

inline constexpr std::string_view kWebhookPath = "/webhook/telegram";
inline constexpr std::string_view kSecretHeader = "X-Telegram-Bot-Api-Secret-Token";

class WebhookEndpoint {
 public:
  // `secret`: what Telegram sends in kSecretHeader; an empty secret refuses every request.
  WebhookEndpoint(IngestService& ingest, Metrics& metrics, std::string secret);
  WebhookEndpoint(const WebhookEndpoint&) = delete;
  WebhookEndpoint& operator=(const WebhookEndpoint&) = delete;

  // Registers the route; this object must outlive the server that uses `router`.
  void add_routes(http::Router& router);

  // Until the bot knows its own username (getMe), "/cmd@OtherBot" cannot be told from ours, so
  // updates get 503 and Telegram redelivers them later. Any thread.
  void set_ready(bool ready) { ready_.store(ready); }

  void handle(http::Request request, http::Responder responder);

 private:
  IngestService& ingest_;
  Metrics& metrics_;
  const std::string secret_;
  LogOnce wrong_types_;  // fields that came with another type, logged once each
  std::atomic<bool> ready_{false};
};

}  // namespace wgbot::telegram
