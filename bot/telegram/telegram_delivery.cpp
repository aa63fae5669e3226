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

namespace {

bool has_file(const Outgoing& message) {
  return message.kind == OutKind::message && message.file.kind != FileKind::none &&
         !message.file.bytes.empty();
}

DeliveryResult no_such_part() {
  DeliveryResult nothing;
  nothing.status = DeliveryStatus::rejected;
  nothing.error = "no such part";
  return nothing;
}

}  // namespace

int TelegramDelivery::parts(const Outgoing& message) const {
  if (message.kind != OutKind::message) return 1;
  const auto chunks = static_cast<int>(split_message(message.text).size());
  if (!has_file(message)) return chunks;
  return text_fits_caption(message.text) ? 1 : 1 + chunks;
}

// A file with a caption that fits: one call. A longer text: the file first (quoting the message
// it answers), then the text's chunks, the buttons under the last.
void TelegramDelivery::send_file_part(const Outgoing& message, int part, Done done) {
  auto finish = [done](const ApiResult& result) { done(to_delivery_result(result)); };
  if (text_fits_caption(message.text)) {
    if (part != 0) return done(no_such_part());
    api_.send_file(build_send_file(message, message.text, true), message.file, std::move(finish));
    return;
  }
  if (part == 0) {
    api_.send_file(build_send_file(message, "", false), message.file, std::move(finish));
    return;
  }
  const std::vector<std::string> chunks = split_message(message.text);
  const auto index = static_cast<std::size_t>(part - 1);
  if (part < 0 || index >= chunks.size()) return done(no_such_part());
  nlohmann::json body = build_send_message(message, chunks[index], index + 1 == chunks.size());
  body.erase("reply_parameters");
  api_.send_message(body, std::move(finish));
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
  if (has_file(message)) {
    send_file_part(message, part, std::move(done));
    return;
  }
  const std::vector<std::string> chunks = split_message(message.text);
  if (part < 0 || static_cast<std::size_t>(part) >= chunks.size()) {
    done(no_such_part());
    return;
  }
  const auto index = static_cast<std::size_t>(part);
  nlohmann::json body = build_send_message(message, chunks[index], index + 1 == chunks.size());
  // Only the first part quotes the message it answers.
  if (index > 0) body.erase("reply_parameters");
  api_.send_message(body, std::move(finish));
}

}  // namespace wgbot::telegram
