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

#include "bot/platform/bot_api_options.hpp"
#include "bot/platform/platform_forward.hpp"
#include "bot/platform/polling_loop.hpp"
#include "bot/telegram/api_client.hpp"

namespace wgbot::telegram {

inline constexpr std::string_view kPollOffsetKey = "telegram.poll_offset";

// The back-off follows a network error, a 5xx, or a 409 while another poller or a webhook is
// active.
using PollerOptions = PollingOptions;
static_assert(PollerOptions{}.poll_timeout == kPollTimeout);

class Poller final : public PollingLoop {
 public:
  // Every reference must outlive the poller.
  Poller(boost::asio::io_context& ioc, ApiClient& api, storage::Writer& writer,
         IngestService& ingest, Metrics& metrics, PollerOptions options = {});
  ~Poller();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot::telegram
