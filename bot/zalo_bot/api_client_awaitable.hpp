// Coroutine form of ApiClient::call: completes with an ApiResult on the caller's executor, e.g.
//   ApiResult r = co_await async_call(api, method, body, kCallTimeout, &canceller, use_awaitable);
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include <boost/asio/async_result.hpp>

#include "bot/platform/cancellable_call.hpp"
#include "bot/zalo_bot/api_client.hpp"

namespace wgbot::zalo_bot {

// `canceller` may be null (the call cannot be ended early then).
template <typename CompletionToken>
auto async_call(ApiClient& api, std::string method, nlohmann::json body,
                std::chrono::milliseconds timeout, CallCanceller* canceller,
                CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(ApiResult)>(
      [&api, canceller](auto handler, std::string m, nlohmann::json b,
                        std::chrono::milliseconds t) {
        initiate_cancellable<ApiResult>(std::move(handler), canceller, network_error("cancelled"),
                                        [&api, m = std::move(m), b = std::move(b), t](auto done) {
                                          api.call(m, b, std::move(done), t);
                                        });
      },
      token, std::move(method), std::move(body), timeout);
}

}  // namespace wgbot::zalo_bot
