// Turns a callback-style platform API call into an Asio asynchronous operation that can be ended
// early: a long poll or a start-up call at shutdown completes at once with a "cancelled" result,
// and the late answer is dropped. Shared by the platforms' coroutine wrappers (async_call).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

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

// `api.call(method, body, done, timeout)` as an Asio operation completing with a Result, or with
// `cancelled` when `canceller` (may be null) fires first. The platforms' async_call wrap it.
template <typename Result, typename Api, typename CompletionToken>
auto async_api_call(Api& api, std::string method, nlohmann::json body,
                    std::chrono::milliseconds timeout, CallCanceller* canceller, Result cancelled,
                    CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(Result)>(
      [&api, canceller](auto handler, std::string m, nlohmann::json b, std::chrono::milliseconds t,
                        Result c) {
        initiate_cancellable<Result>(std::move(handler), canceller, std::move(c),
                                     [&api, m = std::move(m), b = std::move(b), t](auto done) {
                                       api.call(m, b, std::move(done), t);
                                     });
      },
      token, std::move(method), std::move(body), timeout, std::move(cancelled));
}

}  // namespace wgbot
