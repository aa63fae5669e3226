// The whole bot (BotRuntime, ManualClock, temp SQLite with the demo roster) with only the Zalo
// Bot platform, talking to a FakeZaloBot; in webhook mode (public_url set) or long polling.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bot/app/runtime.hpp"
#include "core/clock.hpp"
#include "fakes/fake_zalo_bot.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot::testing {

inline constexpr const char* kZaloSecret = "zalo-webhook-secret-for-tests";

// One Zalo update as the webhook posts it (wrapped in {ok,result}) or bare.
struct ZaloUpdate {
  ZaloUpdate(std::string id, std::string from, std::string body, std::string group_id = {})
      : message_id(std::move(id)),
        user(std::move(from)),
        text(std::move(body)),
        group(std::move(group_id)) {}

  std::string message_id;
  std::string user;  // from.id; also chat.id in a private chat
  std::string text;
  std::string group;  // chat.id of a group; "" = private chat
  std::string event = "message.text.received";
  [[nodiscard]] nlohmann::json bare() const;
  [[nodiscard]] std::string wrapped() const;
};

class ZaloBotRuntime {
 public:
  // `public_url` set: webhook mode, waits for setWebhook; "": long polling, waits for the first
  // getUpdates. `fake` must outlive this object.
  ZaloBotRuntime(const TempDir& dir, FakeZaloBot& fake, const std::string& public_url);
  ~ZaloBotRuntime();
  ZaloBotRuntime(const ZaloBotRuntime&) = delete;
  ZaloBotRuntime& operator=(const ZaloBotRuntime&) = delete;

  void stop();
  BotRuntime& runtime() { return *runtime_; }
  ManualClock& clock() { return clock_; }

  // POST /webhook/zalo with `body` and the secret header (`secret`; nullopt = the right one,
  // "" = no header). Returns the HTTP status.
  int post(const std::string& body, std::optional<std::string> secret = std::nullopt);
  // A private text message from `user`, with a fresh message id.
  int say(const std::string& user, const std::string& text);
  // A one-time invite code for `handle`, as `wgbot member invite` makes it.
  std::string invite(const std::string& handle);
  // One integer from the database (through the writer).
  std::int64_t query_int(const std::string& sql);

 private:
  ManualClock clock_;
  std::unique_ptr<BotRuntime> runtime_;
  std::thread thread_;
  int messages_ = 0;
};

}  // namespace wgbot::testing
