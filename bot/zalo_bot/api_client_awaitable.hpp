// Coroutine form of ApiClient::call: completes with an ApiResult on the caller's executor, e.g.
//   ApiResult r = co_await async_call(api, method, body, kCallTimeout, &canceller, use_awaitable);
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "bot/platform/cancellable_call.hpp"
#include "bot/zalo_bot/api_client.hpp"

namespace wgbot::zalo_bot {

// `canceller` may be null (the call cannot be ended early then).
template <typename CompletionToken>
auto async_call(ApiClient& api, std::string method, nlohmann::json body,
                std::chrono::milliseconds timeout, CallCanceller* canceller,
                CompletionToken&& token) {
  return async_api_call<ApiResult>(api, std::move(method), std::move(body), timeout, canceller,
                                   network_error("cancelled"),
                                   std::forward<CompletionToken>(token));
}

}  // namespace wgbot::zalo_bot
