// Account → member → permission → handler, for one inbound update, inside the caller's
// transaction: the inbox row, the state change and the outbox rows commit together.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/metrics.hpp"
#include "bot/dispatch/inbound.hpp"
#include "config/config.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct DispatchResult {
  bool duplicate = false;  // the update was stored before: nothing was done
  std::int64_t inbox_id = 0;
  std::size_t replies = 0;  // outbox rows written
  bool failed = false;      // the handler threw; its changes were rolled back
};

class Dispatcher {
 public:
  Dispatcher(std::shared_ptr<const Config> config, const Clock& clock);

  // The bot's own username on a platform, for "/cmd@BotName" (learned from getMe at start-up).
  void set_bot_username(const std::string& platform, const std::string& username);

  // Counts every update (received, duplicated, handler latency) in `metrics` from now on.
  void set_metrics(Metrics* metrics) { metrics_ = metrics; }

  // Runs on the storage thread with the write connection, inside a transaction.
  DispatchResult process(storage::Connection& db, const Inbound& in);

 private:
  DispatchResult store_and_handle(storage::Connection& db, const Inbound& in);
  std::size_t handle(storage::Connection& db, const Inbound& in, std::int64_t inbox_id);
  std::string bot_username(const std::string& platform) const;
  void apologise(storage::Connection& db, const Inbound& in, std::int64_t inbox_id,
                 std::int64_t now);

  std::shared_ptr<const Config> config_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> bot_usernames_;
  Metrics* metrics_ = nullptr;
};

}  // namespace wgbot
