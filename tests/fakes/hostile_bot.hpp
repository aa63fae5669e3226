// The whole bot (BotRuntime on a ManualClock) with all three webhook platforms enabled —
// Telegram, Zalo Bot (secret header) and Zalo OA (MAC) — each talking to its fake API, with
// short HTTP timeouts so that the idle and slow-client cases run in about a second. For the
// hostile-input suite: requests go over real loopback HTTP to the bot's listener.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "bot/app/runtime.hpp"
#include "core/clock.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/fake_zalo_bot.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot::testing {

// One webhook platform as a client sees it: where to post, how to authenticate a body, and how
// to write a text message from a user.
struct WebhookTarget {
  std::string name;  // "telegram", "zalo_bot", "zalo_oa": also the platform id
  std::string path;
  // The headers that authenticate `body` (secret header, or the MAC over these bytes).
  test::HeaderList (*auth)(const std::string& body);
  // A private text message from `user` with message id `id`, as the platform posts it.
  std::string (*text)(const std::string& user, const std::string& text, std::int64_t id);
};

inline constexpr const char* kHostileTelegramSecret = "tg-webhook-secret-for-hostile-tests";
inline constexpr const char* kHostileZaloSecret = "zalo-webhook-secret-for-hostile-tests";

const WebhookTarget& telegram_target();
const WebhookTarget& zalo_bot_target();
const WebhookTarget& zalo_oa_target();

class HostileBot {
 public:
  static constexpr std::size_t kMaxBody = std::size_t{1} << 20U;  // the default, 1 MiB
  static constexpr std::chrono::milliseconds kTimeout{1000};      // header, body and idle

  HostileBot();
  ~HostileBot();
  HostileBot(const HostileBot&) = delete;
  HostileBot& operator=(const HostileBot&) = delete;

  [[nodiscard]] unsigned short port() const { return runtime_->port(); }
  BotRuntime& runtime() { return *runtime_; }
  FakeTelegram& telegram() { return telegram_; }
  const TempDir& dir() const { return dir_; }

  // POSTs `body` to `target` with its authentication (or with `headers` instead, if given).
  test::HttpResult post(const WebhookTarget& target, const std::string& body);
  test::HttpResult post(const WebhookTarget& target, const std::string& body,
                        const test::HeaderList& headers);
  // A fresh message id, unique across the suite.
  std::int64_t next_id() { return ++ids_; }

  // One integer (through the writer); one text.
  std::int64_t query_int(const std::string& sql);
  std::string query_text(const std::string& sql);
  // Every row count that a refused or ignored request must leave alone.
  std::string state_counts();
  // GET /healthz answers 200 "ok" on a fresh connection.
  bool healthy();

  // A one-time code for `handle`, as `wgbot member invite` makes it.
  std::string invite(const std::string& handle);

 private:
  TempDir dir_;
  FakeTelegram telegram_;
  FakeZaloBot zalo_bot_;
  FakeZaloOa zalo_oa_;
  ManualClock clock_;
  std::unique_ptr<BotRuntime> runtime_;
  std::thread thread_;
  std::int64_t ids_ = 900000;
  int invites_ = 0;
};

}  // namespace wgbot::testing
