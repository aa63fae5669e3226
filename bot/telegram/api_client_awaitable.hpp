// Coroutine form of ApiClient::call / get_updates: completes with ApiResult (resp.
// GetUpdatesResult) on the caller's executor, e.g.
//   ApiResult r = co_await async_call(api, method, body, kCallTimeout, &canceller, use_awaitable);
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>

#include "bot/telegram/api_client.hpp"

namespace wgbot::telegram {

// Ends a call in flight early (a long poll at shutdown): the call completes at once with a
// transient "cancelled" result and its late answer is dropped. Arm and cancel on one strand.
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

template <typename Result>
Result cancelled_result() {
  Result cancelled;
  if constexpr (std::is_same_v<Result, ApiResult>) {
    cancelled = network_error("cancelled");
  } else {
    cancelled.api = network_error("cancelled");
  }
  return cancelled;
}

template <typename Result, typename Handler, typename Start>
void initiate_cancellable(Handler handler, CallCanceller* canceller, Start start) {
  OnceHandler<Result> once(std::move(handler));
  if (canceller != nullptr) {
    canceller->arm([once] { once.complete(cancelled_result<Result>()); });
  }
  start([once](Result r) { once.complete(std::move(r)); });
}

}  // namespace detail

// `canceller` may be null (the call cannot be ended early then).
template <typename CompletionToken>
auto async_call(ApiClient& api, std::string method, nlohmann::json body,
                std::chrono::milliseconds timeout, CallCanceller* canceller,
                CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(ApiResult)>(
      [&api, canceller](auto handler, std::string m, nlohmann::json b,
                        std::chrono::milliseconds t) {
        detail::initiate_cancellable<ApiResult>(
            std::move(handler), canceller,
            [&api, m = std::move(m), b = std::move(b), t](auto done) {
              api.call(m, b, std::move(done), t);
            });
      },
      token, std::move(method), std::move(body), timeout);
}

template <typename CompletionToken>
auto async_get_updates(ApiClient& api, std::optional<std::int64_t> offset,
                       std::chrono::seconds timeout, CallCanceller* canceller,
                       CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(GetUpdatesResult)>(
      [&api, canceller](auto handler, std::optional<std::int64_t> o, std::chrono::seconds t) {
        detail::initiate_cancellable<GetUpdatesResult>(
            std::move(handler), canceller,
            [&api, o, t](auto done) { api.get_updates(o, t, std::move(done)); });
      },
      token, offset, timeout);
}

}  // namespace wgbot::telegram
