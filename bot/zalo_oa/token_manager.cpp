#include "bot/zalo_oa/token_manager.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "core/clock.hpp"
#include "storage/audit_repository.hpp"
#include "storage/model.hpp"
#include "storage/writer.hpp"

namespace wgbot::zalo_oa {

namespace asio = boost::asio;

TokenManager::TokenManager(asio::io_context& ioc, http::HttpClient& http, storage::Writer& writer,
                           const Clock& clock, RefreshRequest request,
                           std::string configured_refresh_token, TokenOptions options)
    : ioc_(ioc),
      http_(http),
      writer_(writer),
      clock_(clock),
      request_(std::move(request)),
      configured_refresh_token_(std::move(configured_refresh_token)),
      options_(options) {}

void TokenManager::load() {
  TokenPair loaded = writer_.run([this](storage::Connection& db) {
    return load_or_seed_tokens(db, configured_refresh_token_);
  });
  std::lock_guard lock(mutex_);
  pair_ = std::move(loaded);
}

TokenPair TokenManager::pair() const {
  std::lock_guard lock(mutex_);
  return pair_;
}

std::chrono::sys_seconds TokenManager::now() const {
  return clock_.now();
}

bool TokenManager::usable_locked(std::chrono::seconds margin) const {
  return !pair_.access_token.empty() &&
         now().time_since_epoch().count() + margin.count() < pair_.expires_at;
}

void TokenManager::current(Done done) {
  std::unique_lock lock(mutex_);
  if (!refreshing_ && usable_locked(options_.refresh_margin)) {
    TokenResult result{true, pair_.access_token, {}};
    lock.unlock();
    answer_waiters({std::move(done)}, result);
    return;
  }
  refresh_locked(lock, std::move(done));
}

void TokenManager::replace(const std::string& rejected, Done done) {
  std::unique_lock lock(mutex_);
  if (!refreshing_ && pair_.access_token != rejected && usable_locked(std::chrono::seconds{0})) {
    TokenResult result{true, pair_.access_token, {}};  // someone refreshed meanwhile
    lock.unlock();
    answer_waiters({std::move(done)}, result);
    return;
  }
  refresh_locked(lock, std::move(done));
}

void TokenManager::refresh_locked(std::unique_lock<std::mutex>& lock, Done done) {
  waiters_.push_back(std::move(done));
  if (refreshing_) return;  // single flight: the running refresh answers everyone
  if (now() < retry_at_) {  // backing off after a failure: do not call again yet
    std::vector<Done> waiters = std::exchange(waiters_, {});
    TokenResult result;
    result.ok = usable_locked(std::chrono::seconds{0});
    result.access_token = result.ok ? pair_.access_token : std::string();
    result.error = "token refresh failed recently; waiting before the next attempt";
    lock.unlock();
    answer_waiters(std::move(waiters), result);
    return;
  }
  refreshing_ = true;
  std::optional<TokenPair> unsaved = unsaved_;
  const std::string refresh_token = pair_.refresh_token;
  lock.unlock();
  if (unsaved) {
    store(*unsaved);  // Zalo already answered; only storing it failed
  } else {
    call_oauth(refresh_token);
  }
}

void TokenManager::call_oauth(const std::string& refresh_token) {
  RefreshRequest request = request_;
  request.refresh_token = refresh_token;
  spdlog::info("event=zalo_oa_token_refresh");
  http_.request(build_refresh_request(request), [this](const http::ClientResponse& response) {
    on_oauth_answer(parse_refresh_answer(response));
  });
}

void TokenManager::on_oauth_answer(const RefreshAnswer& answer) {
  if (!answer.ok) {
    fail(answer.error);
    return;
  }
  TokenPair pair;
  pair.access_token = answer.access_token;
  pair.refresh_token = answer.refresh_token;
  pair.expires_at = now().time_since_epoch().count() + answer.expires_in.count();
  {
    std::lock_guard lock(mutex_);
    pair.seeded_from = pair_.seeded_from;
    unsaved_ = pair;  // from here on, the only pair Zalo accepts
  }
  store(pair);
}

// One job replaces the old pair with the new one, so a crash keeps one or the other, whole.
void TokenManager::store(const TokenPair& pair) {
  auto job = [pair](storage::Connection& db) { save_tokens(db, pair); };
  writer_.submit(job, [this, pair](const storage::WriteResult& r) {
    if (r.ok()) {
      succeed(pair);
    } else {
      fail("the new token pair could not be stored: " + r.error);
    }
  });
}

void TokenManager::succeed(TokenPair pair) {
  std::vector<Done> waiters;
  const TokenResult result{true, pair.access_token, {}};
  const std::int64_t expires_at = pair.expires_at;
  {
    std::lock_guard lock(mutex_);
    pair_ = std::move(pair);
    unsaved_.reset();
    failures_ = 0;
    retry_at_ = {};
    refreshing_ = false;
    waiters = std::exchange(waiters_, {});
  }
  spdlog::info("event=zalo_oa_token_refreshed expires_at={}", expires_at);
  answer_waiters(std::move(waiters), result);
}

void TokenManager::fail(const std::string& reason) {
  std::vector<Done> waiters;
  TokenResult result;
  std::chrono::milliseconds delay{0};
  int attempt = 0;
  {
    std::lock_guard lock(mutex_);
    attempt = ++failures_;
    delay = backoff(failures_, rng_(), options_.failure_backoff);
    retry_at_ = now() + std::chrono::ceil<std::chrono::seconds>(delay);
    refreshing_ = false;
    waiters = std::exchange(waiters_, {});
    result.ok = usable_locked(std::chrono::seconds{0});  // the old token may still have time
    result.access_token = result.ok ? pair_.access_token : std::string();
  }
  result.error = "token refresh failed: " + reason;
  spdlog::error(
      "event=zalo_oa_token_refresh_failed attempt={} retry_in_s={} reason=\"{}\" detail=\"if "
      "this persists, grant the app again and set zalo_oa.refresh_token\"",
      attempt, std::chrono::ceil<std::chrono::seconds>(delay).count(), reason);
  const auto at = now().time_since_epoch().count();
  writer_.submit(
      [at, reason](storage::Connection& db) {
        storage::AuditRepository(db).write(
            AuditEntry{0, at, "system", "zalo_oa_token_refresh_failed", "zalo_oa", "", reason});
      },
      {});
  answer_waiters(std::move(waiters), result);
}

// Waiters may be told on the writer thread or the caller's; they continue on the io_context.
void TokenManager::answer_waiters(std::vector<Done> waiters, const TokenResult& result) {
  for (auto& waiter : waiters) {
    asio::post(ioc_, [waiter = std::move(waiter), result] { waiter(result); });
  }
}

}  // namespace wgbot::zalo_oa
