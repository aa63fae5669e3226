#include "bot/zalo_bot/zalo_bot_delivery.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "bot/zalo_bot/api_client.hpp"
#include "bot/zalo_bot/formatter.hpp"

namespace wgbot::zalo_bot {

namespace {

std::vector<std::string> chunks_of(const Outgoing& message) {
  if (message.kind == OutKind::callback_answer) return {};  // nothing was pressed on Zalo
  return split_text(message_text(message));
}

}  // namespace

DeliveryResult to_delivery_result(const ApiResult& result) {
  DeliveryResult out;
  out.error = result.description;
  out.answered = result.error_code != 0;
  switch (result.outcome) {
    case ApiOutcome::ok:
      out.status = DeliveryStatus::sent;
      break;
    case ApiOutcome::chat_gone:
      out.status = DeliveryStatus::chat_gone;
      break;
    case ApiOutcome::bad_request:
      out.status = DeliveryStatus::rejected;
      break;
    case ApiOutcome::unauthorized:
      spdlog::error("event=zalo_bot_unauthorized detail=\"the bot token was rejected\"");
      out.status = DeliveryStatus::transient;
      break;
    case ApiOutcome::rate_limited:
    case ApiOutcome::no_update:
    case ApiOutcome::transient:
      out.status = DeliveryStatus::transient;
      break;
  }
  return out;
}

int ZaloBotDelivery::parts(const Outgoing& message) const {
  return static_cast<int>(chunks_of(message).size());
}

void ZaloBotDelivery::send_part(const Outgoing& message, int part, Done done) {
  const std::vector<std::string> chunks = chunks_of(message);
  if (part < 0 || static_cast<std::size_t>(part) >= chunks.size()) {
    DeliveryResult nothing;
    nothing.status = DeliveryStatus::rejected;
    nothing.error = "no such part";
    done(std::move(nothing));
    return;
  }
  // Group support is partial upstream: a group reply refused as a bad request means the group
  // does not take the bot's messages, and the reply goes to its sender privately instead.
  const bool group_reply = !message.private_fallback_chat_id.empty();
  api_.send_message(message.chat_id, chunks[static_cast<std::size_t>(part)],
                    [done = std::move(done), group_reply](const ApiResult& r) {
                      DeliveryResult result = to_delivery_result(r);
                      if (group_reply && r.outcome == ApiOutcome::bad_request) {
                        result.status = DeliveryStatus::chat_gone;
                      }
                      done(std::move(result));
                    });
}

}  // namespace wgbot::zalo_bot
