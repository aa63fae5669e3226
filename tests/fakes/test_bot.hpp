// A bot without a network: a temp database with the demo roster, a writer, a dispatcher and a
// manual clock. Messages go in as Inbound and come out as outbox rows, exactly as in production.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bot/dispatch/dispatcher.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/inbound.hpp"
#include "fakes/temp_dir.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {

Config test_config(const std::string& db_path);

class TestBot {
 public:
  TestBot();
  explicit TestBot(Config config, storage::WriterOptions writer_options = {});
  ~TestBot();

  // A private console-like message from `platform_user` on `platform` (not linked unless linked).
  Inbound message(const std::string& text, const std::string& sender = "u1",
                  const std::string& platform = "telegram") const;
  // Links the platform account to the member with `handle`.
  void link(const std::string& platform, const std::string& user_id, const std::string& handle);
  DispatchResult send(const Inbound& in);
  // Sends `text` and returns the text of the replies it produced.
  std::vector<std::string> ask(const std::string& text, const std::string& sender = "u1",
                               const std::string& platform = "telegram");
  std::vector<storage::OutboxRow> pending(const std::string& platform, const std::string& chat_id);

  storage::Writer& writer() { return *writer_; }
  ManualClock& clock() { return clock_; }
  Dispatcher& dispatcher() { return *dispatcher_; }
  const Config& config() const { return *config_; }

 private:
  TempDir dir_;
  std::shared_ptr<const Config> config_;
  ManualClock clock_;
  std::unique_ptr<storage::Writer> writer_;
  std::unique_ptr<Dispatcher> dispatcher_;
  mutable int counter_ = 0;
};

}  // namespace wgbot::testing
