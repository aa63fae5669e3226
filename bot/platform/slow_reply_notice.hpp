// "Typing…" for a command whose answer is slow to come: when storing and handling an update
// takes longer than a threshold (a heavy command, or a writer working through a backlog), the
// platform is asked once to show that the bot is at work. Quick answers show nothing.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "bot/dispatch/ingest.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {

class SlowReplyNotice {
 public:
  // `show(chat_id)` runs on `ioc`, at most once per watched update, `after` it was handed in.
  SlowReplyNotice(boost::asio::io_context& ioc, std::chrono::milliseconds after,
                  std::function<void(const std::string& chat_id)> show);

  // `done`, wrapped: it also ends the watch. Only commands are watched; anything else gets
  // `done` back unchanged.
  [[nodiscard]] IngestService::Done watch(const Inbound& in, IngestService::Done done);

 private:
  boost::asio::io_context& ioc_;
  const std::chrono::milliseconds after_;
  std::function<void(const std::string&)> show_;
};

}  // namespace wgbot
