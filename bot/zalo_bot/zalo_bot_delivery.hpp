// Zalo Bot's side of the outbox sender: one outbox row -> sendMessage calls of plain text (split
// at 2000 UTF-16 units). There are no buttons and no button presses to answer, and messages
// cannot be edited, so an edit is sent as a new message and a callback answer sends nothing.
#pragma once

#include <string>

#include "bot/outbound/delivery.hpp"
#include "bot/zalo_bot/api_result.hpp"

namespace wgbot::zalo_bot {

class ApiClient;

// ok -> sent; 429 -> transient (the sender backs off exponentially: Zalo gives no retry_after);
// chat unreachable -> chat_gone; other 4xx -> rejected; 401, 5xx and network errors ->
// transient (a wrong token is fixed by an operator, not by dropping messages).
[[nodiscard]] DeliveryResult to_delivery_result(const ApiResult& result);

class ZaloBotDelivery final : public Delivery {
 public:
  explicit ZaloBotDelivery(ApiClient& api) : api_(api) {}

  [[nodiscard]] std::string platform() const override { return "zalo_bot"; }
  [[nodiscard]] int parts(const Outgoing& message) const override;
  void send_part(const Outgoing& message, int part, Done done) override;

 private:
  ApiClient& api_;
};

}  // namespace wgbot::zalo_bot
