// The OA's side of the outbox sender: one outbox row -> customer-service messages
// (POST <api_base_url>/v3.0/oa/message/cs with the `access_token` header), plain text split at
// 2000 characters between lines, the hint line instead of buttons. An invalid token is refreshed
// and the part sent again once; a user outside the 7-day window is recorded for the admins and
// the message dropped, since only the user writing again reopens it.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/outbound/delivery.hpp"
#include "bot/zalo_oa/api_result.hpp"

namespace wgbot {
class Clock;
namespace storage {
class Writer;
}
}  // namespace wgbot

namespace wgbot::zalo_oa {

class TokenManager;

inline constexpr std::size_t kMaxMessageChars = 2000;

// The text as the user sees it: plain (bold markers removed: the OA sends no formatting), then
// its hint line (the commands its buttons stand for), if any.
[[nodiscard]] std::string visible_text(const Outgoing& message);

// {"recipient":{"user_id":…},"message":{"text":…}}
[[nodiscard]] nlohmann::json build_cs_message(const std::string& user_id, const std::string& text);

// What the sender does with an answer (a token error left after the one retry is transient).
[[nodiscard]] DeliveryResult to_delivery_result(const OaResult& result);

class ZaloOaDelivery final : public Delivery {
 public:
  ZaloOaDelivery(http::HttpClient& http, TokenManager& tokens, storage::Writer& writer,
                 const Clock& clock, std::string api_base_url);

  [[nodiscard]] std::string platform() const override;
  [[nodiscard]] int parts(const Outgoing& message) const override;
  void send_part(const Outgoing& message, int part, Done done) override;

 private:
  struct Attempt;
  void post(const std::shared_ptr<Attempt>& attempt, const std::string& token);
  void on_answer(const std::shared_ptr<Attempt>& attempt, const std::string& token,
                 const OaResult& r);
  void record_outside_window(const std::string& user_id, const std::string& error);

  http::HttpClient& http_;
  TokenManager& tokens_;
  storage::Writer& writer_;
  const Clock& clock_;
  const std::string url_;
};

}  // namespace wgbot::zalo_oa
