// HttpClient as an Asio asynchronous operation, so coroutines can write
//   ClientResponse r = co_await async_request(client, request, boost::asio::use_awaitable);
// The completion handler runs on its associated executor (the coroutine's), else the client's
// io_context.
#pragma once

#include <memory>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/http/http_client.hpp"

namespace wgbot::http {

template <class Token>
auto async_request(HttpClient& client, ClientRequest request, Token&& token) {
  return boost::asio::async_initiate<Token, void(ClientResponse)>(
      [&client](auto handler, ClientRequest req) {
        using Handler = decltype(handler);
        auto executor =
            boost::asio::get_associated_executor(handler, client.context().get_executor());
        struct State {
          Handler handler;
          boost::asio::executor_work_guard<decltype(executor)> work;
        };
        // HttpClient::Done must be copyable; Asio handlers are move-only.
        auto state = std::make_shared<State>(
            State{std::move(handler), boost::asio::make_work_guard(executor)});
        client.request(std::move(req), [state](ClientResponse response) {
          auto ex = state->work.get_executor();
          boost::asio::dispatch(ex, [state, response = std::move(response)]() mutable {
            std::move(state->handler)(std::move(response));
            state->work.reset();
          });
        });
      },
      token, std::move(request));
}

}  // namespace wgbot::http
