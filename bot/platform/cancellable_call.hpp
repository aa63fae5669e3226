// Turns a callback-style platform API call into an Asio asynchronous operation that can be ended
// early: a long poll or a start-up call at shutdown completes at once with a "cancelled" result,
// and the late answer is dropped. Shared by the platforms' coroutine wrappers (async_call).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/post.hpp>

namespace wgbot {

// Ends a call in flight early. Arm and cancel on one strand.
class CallCanceller {
 public:
  void cancel() {
    if (auto fn = std::exchange(cancel_, nullptr)) fn();
  }
  void arm(std::function<void()> fn) { cancel_ = std::move(fn); }

 private:
  std::function<void()> cancel_;
};

namespace detail {

// Completes an Asio handler at most once, from any thread, on the handler's executor.
template <typename Result>
class OnceHandler {
 public:
  template <typename Handler>
  explicit OnceHandler(Handler handler) : fire_(std::make_shared<Fire>()) {
    auto executor = boost::asio::get_associated_executor(handler);
    auto shared = std::make_shared<Handler>(std::move(handler));
    fire_->fn = [shared, executor](Result r) {
      boost::asio::post(
          executor, [shared, r = std::move(r)]() mutable { std::move (*shared)(std::move(r)); });
    };
  }

  void complete(Result result) const { fire_->complete(std::move(result)); }

 private:
  struct Fire {
    void complete(Result r) {
      std::function<void(Result)> f;
      {
        std::lock_guard lock(mu);
        if (!fn) return;
        f = std::move(fn);
        fn = nullptr;
      }
      f(std::move(r));
    }
    std::mutex mu;
    std::function<void(Result)> fn;
  };
  std::shared_ptr<Fire> fire_;
};

}  // namespace detail

// Starts `start(done)` and completes `handler` with the first of: its result, or `cancelled`
// when `canceller` (may be null: not cancellable) fires.
template <typename Result, typename Handler, typename Start>
void initiate_cancellable(Handler handler, CallCanceller* canceller, Result cancelled,
                          Start start) {
  detail::OnceHandler<Result> once(std::move(handler));
  if (canceller != nullptr) {
    canceller->arm([once, cancelled = std::move(cancelled)] { once.complete(cancelled); });
  }
  start([once](Result r) { once.complete(std::move(r)); });
}

}  // namespace wgbot
