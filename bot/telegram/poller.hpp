// Long polling (when no public_url is set): removes a webhook left over from webhook mode, then
// loops on getUpdates. Each batch is stored and handled in one writer job that also persists the
// next offset (state key kPollOffsetKey), so a restart neither replays nor skips updates; if the
// job does not commit, the offset stays and Telegram hands the same batch out again (the inbox
// makes the repeat harmless).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "bot/outbound/retry_policy.hpp"
#include "bot/telegram/api_client.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {
class IngestService;
class Metrics;
namespace storage {
class Writer;
}
}  // namespace wgbot

namespace wgbot::telegram {

inline constexpr std::string_view kPollOffsetKey = "telegram.poll_offset";

struct PollerOptions {
  std::chrono::seconds poll_timeout = kPollTimeout;
  // After an error (network, 5xx, 409 while another poller or a webhook is active).
  BackoffPolicy backoff{std::chrono::seconds{1}, std::chrono::minutes{1}, Jitter::equal};
};

class Poller {
 public:
  // Every reference must outlive the poller.
  Poller(boost::asio::io_context& ioc, ApiClient& api, storage::Writer& writer,
         IngestService& ingest, Metrics& metrics, PollerOptions options = {});
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  void start();
  // Cancels the request in flight and any back-off; `done` runs on the io_context once the loop
  // has ended (a batch being stored is allowed to commit first). Any thread.
  void stop(std::function<void()> done);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot::telegram
