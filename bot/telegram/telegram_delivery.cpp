#include "bot/telegram/telegram_delivery.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "bot/telegram/api_client.hpp"
#include "bot/telegram/formatter.hpp"

namespace wgbot::telegram {

DeliveryResult to_delivery_result(const ApiResult& result) {
  DeliveryResult out;
  out.error = result.description;
  out.answered = result.error_code != 0;
  switch (result.outcome) {
    case ApiOutcome::ok:
    case ApiOutcome::not_modified:
      out.status = DeliveryStatus::sent;
      break;
    case ApiOutcome::retry_after:
      out.status = DeliveryStatus::retry_after;
      out.retry_after = result.retry_after;
      break;
    case ApiOutcome::migrate:
      out.status = DeliveryStatus::migrate;
      out.new_chat_id = result.migrate_to_chat_id;
      break;
    case ApiOutcome::chat_gone:
      out.status = DeliveryStatus::chat_gone;
      break;
    case ApiOutcome::bad_request:
      out.status = DeliveryStatus::rejected;
      break;
    case ApiOutcome::unauthorized:
      spdlog::error("event=telegram_unauthorized detail=\"the bot token was rejected\"");
      out.status = DeliveryStatus::transient;
      break;
    case ApiOutcome::conflict:
    case ApiOutcome::transient:
      out.status = DeliveryStatus::transient;
      break;
  }
  return out;
}

int TelegramDelivery::parts(const Outgoing& message) const {
  if (message.kind != OutKind::message) return 1;
  return static_cast<int>(split_message(message.text).size());
}

void TelegramDelivery::send_part(const Outgoing& message, int part, Done done) {
  auto finish = [done](const ApiResult& result) { done(to_delivery_result(result)); };
  switch (message.kind) {
    case OutKind::callback_answer:
      api_.answer_callback_query(build_answer_callback(message), std::move(finish));
      return;
    case OutKind::edit:
      api_.edit_message_text(build_edit_message_text(message), std::move(finish));
      return;
    case OutKind::message:
      break;
  }
  const std::vector<std::string> chunks = split_message(message.text);
  if (part < 0 || static_cast<std::size_t>(part) >= chunks.size()) {
    DeliveryResult nothing;
    nothing.status = DeliveryStatus::rejected;
    nothing.error = "no such part";
    done(std::move(nothing));
    return;
  }
  const auto index = static_cast<std::size_t>(part);
  nlohmann::json body = build_send_message(message, chunks[index], index + 1 == chunks.size());
  // Only the first part quotes the message it answers.
  if (index > 0) body.erase("reply_parameters");
  api_.send_message(body, std::move(finish));
}

}  // namespace wgbot::telegram
