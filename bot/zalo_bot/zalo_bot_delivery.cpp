#include "bot/zalo_bot/zalo_bot_delivery.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "bot/http/media_shelf.hpp"
#include "bot/platform/bot_api_delivery.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/zalo_bot/api_client.hpp"
#include "bot/zalo_bot/formatter.hpp"
#include "core/clock.hpp"

namespace wgbot::zalo_bot {

namespace {

// Group support is partial upstream: a group reply refused as a bad request means the group
// does not take the bot's messages, and the reply goes to its sender privately instead.
ApiClient::Done classify(const Outgoing& message, Delivery::Done done) {
  const bool group_reply = !message.private_fallback_chat_id.empty();
  return [done = std::move(done), group_reply](const ApiResult& r) {
    DeliveryResult result = to_delivery_result(r);
    if (group_reply && r.outcome == ApiOutcome::bad_request) {
      result.status = DeliveryStatus::chat_gone;
    }
    done(std::move(result));
  };
}

}  // namespace

DeliveryResult to_delivery_result(const ApiResult& result) {
  switch (result.outcome) {
    case ApiOutcome::ok:
      return answered_delivery(result, DeliveryStatus::sent);
    case ApiOutcome::chat_gone:
      return answered_delivery(result, DeliveryStatus::chat_gone);
    case ApiOutcome::bad_request:
      return answered_delivery(result, DeliveryStatus::rejected);
    case ApiOutcome::unauthorized:
      return answered_delivery(result, token_rejected("event=zalo_bot_unauthorized"));
    case ApiOutcome::rate_limited:
    case ApiOutcome::no_update:
    case ApiOutcome::transient:
      break;
  }
  return answered_delivery(result, DeliveryStatus::transient);
}

ZaloPlan plan_of(const Outgoing& message, bool photos) {
  ZaloPlan plan;
  if (message.kind == OutKind::callback_answer) return plan;  // nothing was pressed on Zalo
  plan.chunks = split_text(message_text(message));
  plan.photo = photos && message.file.kind == FileKind::photo && !message.file.bytes.empty();
  if (plan.photo && plan.chunks.size() == 1) {
    plan.caption = std::move(plan.chunks.front());
    plan.chunks.clear();
  }
  return plan;
}

int ZaloBotDelivery::parts(const Outgoing& message) const {
  return plan_of(message, photos_.enabled()).parts();
}

void ZaloBotDelivery::send_part(const Outgoing& message, int part, Done done) {
  ZaloPlan plan = plan_of(message, photos_.enabled());
  if (part < 0 || part >= plan.parts()) {
    done(no_such_part());
    return;
  }
  if (plan.photo && part == 0) {
    send_photo(message, plan.caption, std::move(done));
    return;
  }
  const auto chunk = static_cast<std::size_t>(part - (plan.photo ? 1 : 0));
  api_.send_message(message.chat_id, plan.chunks[chunk], classify(message, std::move(done)));
}

// The bytes go on the shelf at every attempt: the shelf is memory only, and a row resent after
// a restart must find its photo again.
void ZaloBotDelivery::send_photo(const Outgoing& message, const std::string& caption, Done done) {
  const OutgoingFile& file = message.file;
  const auto token = photos_.shelf->put(file.bytes, file.content_type, photos_.clock->now());
  if (!token) {
    // Larger than the whole shelf: the reader still gets the words.
    spdlog::warn("event=zalo_bot_photo_not_shelved bytes={} detail=\"larger than the shelf\"",
                 file.bytes.size());
    send_words(message, caption, std::move(done));
    return;
  }
  const std::string url =
      webhook_url(photos_.public_url, http::media_path(*token, file.content_type));
  const bool group_reply = !message.private_fallback_chat_id.empty();
  api_.send_photo(
      message.chat_id, url, caption,
      [this, message, caption, group_reply, done = std::move(done)](const ApiResult& r) mutable {
        // Refused in a private chat (the platform may not have reached the picture's URL, e.g.
        // a proxy that does not pass /media/): the reader still gets the words. A group's
        // refusal goes to the asker privately, as for any reply.
        if (r.outcome != ApiOutcome::bad_request || group_reply) {
          classify(message, std::move(done))(r);
          return;
        }
        spdlog::warn(
            "event=zalo_bot_photo_refused chat={} description=\"{}\" detail=\"sending the text "
            "without the picture\"",
            message.chat_id, r.description);
        send_words(message, caption, std::move(done));
      });
}

void ZaloBotDelivery::send_words(const Outgoing& message, const std::string& caption, Done done) {
  if (caption.empty()) {  // the text follows in parts of its own
    DeliveryResult skipped;
    skipped.status = DeliveryStatus::sent;
    done(std::move(skipped));
    return;
  }
  api_.send_message(message.chat_id, caption, classify(message, std::move(done)));
}

}  // namespace wgbot::zalo_bot
