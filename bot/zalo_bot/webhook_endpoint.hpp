// POST /webhook/zalo: verify the secret header, parse the update, hand it to the ingest service,
// and answer 200 only once it is stored; 503 when it could not be (so Zalo may deliver it again).
#pragma once

#include <string>
#include <string_view>

#include "bot/http/http_types.hpp"
#include "bot/platform/platform_forward.hpp"
#include "core/log_once.hpp"

namespace wgbot::zalo_bot {

class BotIdentity;

inline constexpr std::string_view kWebhookPath = "/webhook/zalo";
inline constexpr std::string_view kSecretHeader = "X-Bot-Api-Secret-Token";

class WebhookEndpoint {
 public:
  // `secret`: what Zalo sends in kSecretHeader; an empty secret refuses every request. Updates
  // get 503 until `identity` is known (getMe), since group mentions name the bot. `slow`, if
  // given, shows "typing…" while a command takes long to store and handle.
  WebhookEndpoint(IngestService& ingest, Metrics& metrics, const BotIdentity& identity,
                  std::string secret, SlowReplyNotice* slow = nullptr);
  WebhookEndpoint(const WebhookEndpoint&) = delete;
  WebhookEndpoint& operator=(const WebhookEndpoint&) = delete;

  // Registers the route; this object must outlive the server that uses `router`.
  void add_routes(http::Router& router);
  void handle(const http::Request& request, http::Responder responder);

 private:
  [[nodiscard]] bool authorised(const http::Request& request) const;

  IngestService& ingest_;
  Metrics& metrics_;
  const BotIdentity& identity_;
  const std::string secret_;
  SlowReplyNotice* slow_;
  LogOnce wrong_types_;  // fields that came with another type, logged once each
};

}  // namespace wgbot::zalo_bot
