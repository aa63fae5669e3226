#include "bot/platform/slow_reply_notice.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <utility>

namespace wgbot {

SlowReplyNotice::SlowReplyNotice(boost::asio::io_context& ioc, std::chrono::milliseconds after,
                                 std::function<void(const std::string& chat_id)> show)
    : ioc_(ioc), after_(after), show_(std::move(show)) {}

IngestService::Done SlowReplyNotice::watch(const Inbound& in, IngestService::Done done) {
  if (in.kind != InboundKind::message || !in.text.starts_with('/') || !show_) return done;
  struct Watch {
    explicit Watch(boost::asio::io_context& ioc) : timer(ioc) {}
    boost::asio::steady_timer timer;
    std::atomic<bool> finished{false};
  };
  auto watch = std::make_shared<Watch>(ioc_);
  watch->timer.expires_after(after_);
  // The timer's handler owns the watch; the platform (and `show_`) outlive the io_context's work.
  watch->timer.async_wait(
      [watch, show = &show_, chat = in.chat_id](const boost::system::error_code& ec) {
        if (!ec && !watch->finished.load()) (*show)(chat);
      });
  return [watch, done = std::move(done)](const IngestResult& result) {
    watch->finished.store(true);
    boost::asio::post(watch->timer.get_executor(), [watch] { watch->timer.cancel(); });
    done(result);
  };
}

}  // namespace wgbot
