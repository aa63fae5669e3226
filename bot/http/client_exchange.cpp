#include "bot/http/client_exchange.hpp"

#include <set>
#include <string_view>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include "bot/http/message_writer.hpp"

namespace wgbot::http::detail {

namespace {

namespace bhttp = beast::http;
using error_code = boost::system::error_code;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

bool is_safe_field(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// How an idle connection the server has closed fails: on the write, or on the first read.
bool is_stale_error(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::error::not_connected ||
         ec == asio::ssl::error::stream_truncated;
}

ClientResponse to_client_response(bhttp::response<bhttp::string_body>&& message) {
  ClientResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message.base()) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  return response;
}

template <class Stream>
asio::awaitable<ExchangeResult> exchange_on(Stream& stream, beast::tcp_stream& tcp,
                                            const BeastRequest& request,
                                            std::chrono::steady_clock::time_point deadline,
                                            std::size_t body_limit) {
  ExchangeResult result;
  // The stream's timer stays armed across operations: set it before each phase.
  tcp.expires_at(deadline);
  const auto [write_ec, written] = co_await async_write_message(stream, request);
  if (write_ec) {
    result.stale = is_stale_error(write_ec);
    result.error = describe_error("write", write_ec);
    co_return result;
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(body_limit);
  parser.header_limit(kHeaderLimit);
  if (request.method() == bhttp::verb::head) parser.skip(true);
  tcp.expires_at(deadline);
  const auto [read_ec, read] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
  if (read_ec) {
    result.stale = !parser.got_some() && buffer.size() == 0 && is_stale_error(read_ec);
    result.error = describe_error("read", read_ec);
    co_return result;
  }
  tcp.expires_never();
  // Bytes after the response were never asked for: do not reuse such a connection.
  result.keep_alive = request.keep_alive() && parser.keep_alive() && buffer.size() == 0;
  result.response = to_client_response(parser.release());
  co_return result;
}

}  // namespace

std::string build_request(const ClientRequest& request, const Url& url, BeastRequest& out) {
  if (request.method.empty() || !is_safe_field(request.method) ||
      request.method.find(' ') != std::string::npos) {
    return "invalid method";
  }
  out = BeastRequest{};
  out.version(11);
  const auto verb = bhttp::string_to_verb(request.method);
  if (verb == bhttp::verb::unknown) {
    out.method_string(request.method);
  } else {
    out.method(verb);
  }
  out.target(url.target);
  out.set(bhttp::field::host, url.host_header());
  out.set(bhttp::field::user_agent, "wgbot/" WGBOT_VERSION);
  out.keep_alive(true);
  if (!request.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put ||
      verb == bhttp::verb::patch) {
    if (!is_safe_field(request.content_type)) return "invalid content type";
    if (!request.content_type.empty()) out.set(bhttp::field::content_type, request.content_type);
  }
  std::set<std::string, std::less<>> seen;
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || !is_safe_field(name) || !is_safe_field(value) ||
        name.find_first_of(" :") != std::string::npos) {
      return "invalid header";
    }
    // The first of a name replaces our default; repeats add to it.
    std::string key(name);
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (seen.insert(key).second) {
      out.set(name, value);
    } else {
      out.insert(name, value);
    }
  }
  out.body() = request.body;
  out.prepare_payload();
  return {};
}

asio::awaitable<ExchangeResult> exchange(ClientConnection& connection, const BeastRequest& request,
                                         std::chrono::steady_clock::time_point deadline,
                                         std::size_t body_limit) {
  if (auto* tls = connection.tls()) {
    co_return co_await exchange_on(*tls, connection.tcp(), request, deadline, body_limit);
  }
  co_return co_await exchange_on(connection.tcp(), connection.tcp(), request, deadline, body_limit);
}

std::string describe_error(std::string_view phase, const boost::system::error_code& ec) {
  std::string text(phase);
  text += ": ";
  if (ec == beast::error::timeout) {
    text += "timed out";
  } else {
    text += ec.message();
  }
  return text;
}

}  // namespace wgbot::http::detail
