// The console platform: a chat in the terminal that takes the same inbox → router → outbox path
// as every other platform. Its "sender" prints the outbox rows of its own chat.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/outgoing.hpp"

namespace wgbot {

class IngestService;
namespace storage {
class Writer;
}

class ConsoleSession {
 public:
  ConsoleSession(storage::Writer& writer, IngestService& ingest, const Clock& clock,
                 std::string handle, std::ostream& out, bool interactive);

  // Links the console account of `handle` to its member. Returns false if no active member has
  // that handle.
  bool open();

  // Sends one line through the bot and prints the replies it produced.
  void submit_line(const std::string& line);

  // Prints what is waiting in this chat's outbox (e.g. a reminder that fired) and marks it sent.
  void drain();

  // Reads lines until end of input; every line is processed and answered before it returns.
  void run(std::istream& in);

  // In `serve`, messages nobody typed for (a reminder firing) arrive between lines: a thread
  // prints them whenever request_drain() is called (from the writer's after-commit hook).
  void start_background_drain();
  void request_drain();
  void stop_background_drain();

  [[nodiscard]] std::string chat_id() const { return "console:" + handle_; }

 private:
  void print(const std::string& text);

  storage::Writer& writer_;
  IngestService& ingest_;
  const Clock& clock_;
  std::string handle_;
  std::ostream& out_;
  bool interactive_;
  std::mutex print_mutex_;
  std::uint64_t session_id_;
  std::atomic<std::uint64_t> counter_{0};
  std::mutex drain_mutex_;
  std::condition_variable drain_wake_;
  bool drain_requested_ = false;
  bool drain_stopping_ = false;
  std::thread drainer_;
};

// How a console shows a message: "**Title**" lines in bold on a terminal, plain otherwise.
std::string render_for_console(const std::string& text, bool ansi);

// The console has no buttons: a message's actions show as its hint line (the commands spelled
// out), or as the buttons' labels when it has no hint.
std::string render_message_for_console(const Outgoing& message, bool ansi);

}  // namespace wgbot
