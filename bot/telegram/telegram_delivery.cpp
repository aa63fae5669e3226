#include "bot/telegram/telegram_delivery.hpp"

#include <utility>
#include <vector>

#include "bot/platform/bot_api_delivery.hpp"
#include "bot/telegram/api_client.hpp"
#include "bot/telegram/formatter.hpp"

namespace wgbot::telegram {

namespace {

DeliveryStatus status_of(ApiOutcome outcome) {
  switch (outcome) {
    case ApiOutcome::ok:
    case ApiOutcome::not_modified:
      return DeliveryStatus::sent;
    case ApiOutcome::retry_after:
      return DeliveryStatus::retry_after;
    case ApiOutcome::migrate:
      return DeliveryStatus::migrate;
    case ApiOutcome::chat_gone:
      return DeliveryStatus::chat_gone;
    case ApiOutcome::bad_request:
      return DeliveryStatus::rejected;
    case ApiOutcome::unauthorized:
      return token_rejected("event=telegram_unauthorized");
    case ApiOutcome::conflict:
    case ApiOutcome::transient:
      break;
  }
  return DeliveryStatus::transient;
}

}  // namespace

DeliveryResult to_delivery_result(const ApiResult& result) {
  DeliveryResult out = answered_delivery(result, status_of(result.outcome));
  if (result.outcome == ApiOutcome::retry_after) out.retry_after = result.retry_after;
  if (result.outcome == ApiOutcome::migrate) out.new_chat_id = result.migrate_to_chat_id;
  return out;
}

namespace {

bool has_file(const Outgoing& message) {
  return message.kind == OutKind::message && message.file.kind != FileKind::none &&
         !message.file.bytes.empty();
}

// The API client's callback that hands the call's outcome to `done`.
ApiClient::Done finishing(TelegramDelivery::Done done) {
  return [done = std::move(done)](const ApiResult& result) { done(to_delivery_result(result)); };
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
  if (text_fits_caption(message.text)) {
    if (part != 0) return done(no_such_part());
    api_.send_file(build_send_file(message, message.text, true), message.file,
                   finishing(std::move(done)));
    return;
  }
  if (part == 0) {
    api_.send_file(build_send_file(message, "", false), message.file, finishing(std::move(done)));
    return;
  }
  const std::vector<std::string> chunks = split_message(message.text);
  const auto index = static_cast<std::size_t>(part - 1);
  if (part < 0 || index >= chunks.size()) return done(no_such_part());
  api_.send_message(build_send_message(message, chunks[index], index + 1 == chunks.size(), false),
                    finishing(std::move(done)));
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
  // Only the first part quotes the message it answers.
  api_.send_message(
      build_send_message(message, chunks[index], index + 1 == chunks.size(), index == 0),
      std::move(finish));
}

}  // namespace wgbot::telegram
