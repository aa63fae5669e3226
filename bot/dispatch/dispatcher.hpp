// Account → member → permission → handler, for one inbound update, inside the caller's
// transaction: the inbox row, the state change and the outbox rows commit together.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "config/settings_overlay.hpp"
#include "core/capabilities.hpp"
#include "core/clock.hpp"
#include "core/inbound.hpp"

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
  // What a platform can show (files, buttons), for handlers that choose between forms.
  void set_capabilities(const std::string& platform, const Capabilities& capabilities);
  // Handlers then see the configuration with the run-time settings (/settings) applied, read
  // from the database for each update. Call before updates flow.
  void use_settings(std::shared_ptr<SettingsOverlay> overlay);

  // Runs on the storage thread with the write connection, inside a transaction. Throws when
  // the storage fails (see storage/storage_error.hpp): then nothing of the update may be kept.
  // Platforms do not call this: they hand updates to the IngestService.
  DispatchResult process(storage::Connection& db, const Inbound& in);

 private:
  std::size_t handle(storage::Connection& db, const Inbound& in, std::int64_t inbox_id);
  std::string bot_username(const std::string& platform) const;
  Capabilities capabilities(const std::string& platform) const;
  void apologise(storage::Connection& db, const Inbound& in, std::int64_t inbox_id,
                 std::int64_t now);

  std::shared_ptr<const Config> config_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> bot_usernames_;
  std::map<std::string, Capabilities> capabilities_;
  std::shared_ptr<SettingsOverlay> settings_;
};

}  // namespace wgbot
