// Telegram's side of the outbox sender: one outbox row -> sendMessage (split at 4096 UTF-16
// units: reply_parameters on the first part, buttons on the last), sendPhoto / sendDocument for a
// row with a file (multipart upload; a text longer than a caption follows as messages),
// answerCallbackQuery or editMessageText; the Bot API's answer -> what the sender does next.
#pragma once

#include <string>
#include <string_view>

#include "bot/outbound/delivery.hpp"
#include "bot/telegram/api_result.hpp"

namespace wgbot::telegram {

class ApiClient;

// ok and "message is not modified" -> sent; 429 -> retry_after; migrate_to_chat_id -> migrate;
// blocked / kicked / chat not found -> chat_gone; other 4xx -> rejected; 401, 409, 5xx and
// network errors -> transient (a wrong token is fixed by an operator, not by dropping messages).
[[nodiscard]] DeliveryResult to_delivery_result(const ApiResult& result);

class TelegramDelivery final : public Delivery {
 public:
  explicit TelegramDelivery(ApiClient& api) : api_(api) {}

  [[nodiscard]] std::string platform() const override { return "telegram"; }
  [[nodiscard]] int parts(const Outgoing& message) const override;
  void send_part(const Outgoing& message, int part, Done done) override;

 private:
  void send_file_part(const Outgoing& message, int part, Done done);

  ApiClient& api_;
};

}  // namespace wgbot::telegram
