// Internal to the HTTP client's .cpp files (includes Boost): one request/response exchange on
// an established connection, and the conversions between our types and Beast's.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bot/http/client_connection.hpp"
#include "bot/http/http_client.hpp"
#include "bot/http/url.hpp"

namespace wgbot::http::detail {

using BeastRequest = beast::http::request<beast::http::string_body>;

// The message to send; "" or why the request cannot be sent (a header with CR/LF, …).
[[nodiscard]] std::string build_request(const ClientRequest& request, const Url& url,
                                        BeastRequest& out);

struct ExchangeResult {
  ClientResponse response;  // status != 0 when an answer arrived
  bool keep_alive = false;  // the connection may serve another request
  bool stale = false;       // failed before any response byte, as a closed idle socket does
  std::string error;        // "phase: reason" when no answer arrived
};

// Writes `request` and reads the answer, all before `deadline`.
[[nodiscard]] asio::awaitable<ExchangeResult> exchange(
    ClientConnection& connection, const BeastRequest& request,
    std::chrono::steady_clock::time_point deadline, std::size_t body_limit);

// "phase: reason" with a plain word for timeouts.
[[nodiscard]] std::string describe_error(std::string_view phase,
                                         const boost::system::error_code& ec);

}  // namespace wgbot::http::detail
