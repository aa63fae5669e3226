// Zalo Bot's side of the outbox sender: one outbox row -> sendMessage calls of plain text (split
// at 2000 UTF-16 units). There are no buttons and no button presses to answer, and messages
// cannot be edited, so an edit is sent as a new message and a callback answer sends nothing.
//
// A photo (the digest's chart) goes by sendPhoto, whose `photo` is a URL Zalo fetches: when the
// bot has a public URL (webhook mode), the bytes are put on the MediaShelf and the URL is
// public_url + /media/<token>.png, served by the bot's own HTTP server. A text that fits a
// caption (2000 units) is the caption; a longer one follows the captionless photo as messages.
// Without a public URL, and for documents, the text is sent alone.
#pragma once

#include <string>
#include <vector>

#include "bot/outbound/delivery.hpp"
#include "bot/zalo_bot/api_result.hpp"

namespace wgbot {
class Clock;
namespace http {
class MediaShelf;
}
}  // namespace wgbot

namespace wgbot::zalo_bot {

class ApiClient;

// ok -> sent; 429 -> transient (the sender backs off exponentially: Zalo gives no retry_after);
// chat unreachable -> chat_gone; other 4xx -> rejected; 401, 5xx and network errors ->
// transient (a wrong token is fixed by an operator, not by dropping messages).
[[nodiscard]] DeliveryResult to_delivery_result(const ApiResult& result);

// Where photos are kept for Zalo to fetch. Without a shelf or a public URL: no photos.
struct PhotoHosting {
  http::MediaShelf* shelf = nullptr;
  const Clock* clock = nullptr;  // the shelf's expiry clock
  std::string public_url;        // e.g. "https://bot.example.vn"

  [[nodiscard]] bool enabled() const {
    return shelf != nullptr && clock != nullptr && !public_url.empty();
  }
};

// How a message is sent: a photo first (with `caption`, possibly empty) when `photo`, then
// `chunks` as messages. Depends only on the message and whether photos are enabled, so the
// number of parts is the same after a restart.
struct ZaloPlan {
  bool photo = false;
  std::string caption;
  std::vector<std::string> chunks;

  [[nodiscard]] int parts() const { return static_cast<int>(chunks.size()) + (photo ? 1 : 0); }
};
[[nodiscard]] ZaloPlan plan_of(const Outgoing& message, bool photos);

class ZaloBotDelivery final : public Delivery {
 public:
  explicit ZaloBotDelivery(ApiClient& api, PhotoHosting photos = {})
      : api_(api), photos_(std::move(photos)) {}

  [[nodiscard]] std::string platform() const override { return "zalo_bot"; }
  [[nodiscard]] int parts(const Outgoing& message) const override;
  void send_part(const Outgoing& message, int part, Done done) override;

 private:
  void send_photo(const Outgoing& message, const std::string& caption, Done done);
  // The words of a photo that could not go: its caption as a message (none: nothing to send).
  void send_words(const Outgoing& message, const std::string& caption, Done done);

  ApiClient& api_;
  const PhotoHosting photos_;
};

}  // namespace wgbot::zalo_bot
