// Coroutine form of ApiClient::call / get_updates: completes with ApiResult (resp.
// GetUpdatesResult) on the caller's executor, e.g.
//   ApiResult r = co_await async_call(api, method, body, kCallTimeout, &canceller, use_awaitable);
#pragma once

#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>

#include "bot/platform/cancellable_call.hpp"
#include "bot/telegram/api_client.hpp"

namespace wgbot::telegram {

namespace detail {

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

}  // namespace detail

// `canceller` may be null (the call cannot be ended early then).
template <typename CompletionToken>
auto async_call(ApiClient& api, std::string method, nlohmann::json body,
                std::chrono::milliseconds timeout, CallCanceller* canceller,
                CompletionToken&& token) {
  return async_api_call<ApiResult>(api, std::move(method), std::move(body), timeout, canceller,
                                   detail::cancelled_result<ApiResult>(),
                                   std::forward<CompletionToken>(token));
}

template <typename CompletionToken>
auto async_get_updates(ApiClient& api, std::optional<std::int64_t> offset,
                       std::chrono::seconds timeout, CallCanceller* canceller,
                       CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(GetUpdatesResult)>(
      [&api, canceller](auto handler, std::optional<std::int64_t> o, std::chrono::seconds t) {
        initiate_cancellable<GetUpdatesResult>(
            std::move(handler), canceller, detail::cancelled_result<GetUpdatesResult>(),
            [&api, o, t](auto done) { api.get_updates(o, t, std::move(done)); });
      },
      token, offset, timeout);
}

}  // namespace wgbot::telegram
