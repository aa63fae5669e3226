// The whole bot (BotRuntime, on a ManualClock) with only the Zalo OA platform, its API and
// OAuth pointed at a FakeZaloOa, run on a thread of its own. Events are posted to the real
// webhook, each signed from the exact bytes sent.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "bot/app/runtime.hpp"
#include "core/clock.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot::testing {

class ZaloOaBot {
 public:
  // Thursday 2026-11-26 10:00 +07:00.
  static constexpr std::int64_t kStart = 1795662000;

  // A bot over `dir`'s database (reopened when one exists there); the token is looked at every
  // `token_check_every` of real time besides when a message is sent.
  ZaloOaBot(const TempDir& dir, FakeZaloOa& fake,
            std::chrono::milliseconds token_check_every = std::chrono::minutes{5});
  ~ZaloOaBot();
  ZaloOaBot(const ZaloOaBot&) = delete;
  ZaloOaBot& operator=(const ZaloOaBot&) = delete;

  void stop();

  BotRuntime& runtime() { return *runtime_; }
  ManualClock& clock() { return clock_; }

  // POSTs `body` to /webhook/zalo-oa with `signature` (default: the right one; "" = none).
  test::HttpResult post(const std::string& body,
                        std::optional<std::string> signature = std::nullopt);
  // A text from `user` (a new msg_id each time); the HTTP status.
  int say(const std::string& user, const std::string& text);
  // A one-time code for `handle`, as `wgbot member invite` makes it.
  std::string invite(const std::string& handle);
  std::int64_t query_int(const std::string& sql);

 private:
  ManualClock clock_;
  std::unique_ptr<BotRuntime> runtime_;
  std::thread thread_;
  int messages_ = 0;
};

}  // namespace wgbot::testing
