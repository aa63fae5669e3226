// Keeps a working access token: loads the stored pair at start-up, refreshes it before it
// expires (proactively, when less than `refresh_margin` is left on the Clock) and when the API
// calls it invalid (reactively), one refresh at a time for all callers. A new pair is stored in
// one writer job before anyone uses it, because the old refresh token is dead once Zalo has
// answered. A failed refresh is logged and audited, and the next attempt waits (backoff on the
// Clock) instead of hammering the OAuth server.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bot/outbound/retry_policy.hpp"
#include "bot/zalo_oa/oauth_client.hpp"
#include "bot/zalo_oa/token_store.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {
class Clock;
namespace storage {
class Writer;
}
}  // namespace wgbot

namespace wgbot::zalo_oa {

struct TokenOptions {
  std::chrono::seconds refresh_margin{std::chrono::hours{1}};
  BackoffPolicy failure_backoff{std::chrono::seconds{30}, std::chrono::minutes{30}, Jitter::none};
};

struct TokenResult {
  bool ok = false;
  std::string access_token;  // never logged
  std::string error;
};

class TokenManager {
 public:
  using Done = std::function<void(TokenResult)>;

  // `request` carries the app id, secret and OAuth URL; its refresh token is ignored (the stored
  // one is used). All references outlive the manager.
  TokenManager(boost::asio::io_context& ioc, http::HttpClient& http, storage::Writer& writer,
               const Clock& clock, RefreshRequest request, std::string configured_refresh_token,
               TokenOptions options = {});

  // Reads (or seeds) the stored pair. Blocks on the writer: start-up only.
  void load();

  // A token with more than the margin left, refreshing first when needed; while a refresh is
  // failing, the old token as long as it has not expired. `done` runs on the io_context.
  void current(Done done);
  // The API said `rejected` is invalid: a newer token (refreshing unless someone already did).
  void replace(const std::string& rejected, Done done);

  // For tests and diagnostics: the pair in use.
  [[nodiscard]] TokenPair pair() const;

 private:
  [[nodiscard]] std::chrono::sys_seconds now() const;
  [[nodiscard]] bool usable_locked(std::chrono::seconds margin) const;
  // With mutex_ held (released inside): joins or starts the refresh.
  void refresh_locked(std::unique_lock<std::mutex>& lock, Done done);
  void call_oauth(const std::string& refresh_token);
  void on_oauth_answer(const RefreshAnswer& answer);
  void store(const TokenPair& pair);
  void succeed(TokenPair pair);
  void fail(const std::string& reason);
  void answer_waiters(std::vector<Done> waiters, const TokenResult& result);

  boost::asio::io_context& ioc_;
  http::HttpClient& http_;
  storage::Writer& writer_;
  const Clock& clock_;
  const RefreshRequest request_;
  const std::string configured_refresh_token_;
  const TokenOptions options_;

  mutable std::mutex mutex_;
  TokenPair pair_;
  bool refreshing_ = false;
  std::vector<Done> waiters_;
  std::optional<TokenPair> unsaved_;  // answered by Zalo but not yet stored: the only live pair
  int failures_ = 0;
  std::chrono::sys_seconds retry_at_{};
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace wgbot::zalo_oa
