// Internal to the HTTP .cpp files (includes Boost): writing a whole HTTP message with a string
// body in one gathered write — its header as one piece of text, its body as it is. Beast's
// serializer walks a chain of generic buffer views per write; for the two small messages every
// update costs (the webhook's answer and the sendMessage call) that walk cost more than the
// system call. Chunked bodies are not ours to write: every message here has a Content-Length.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace wgbot::http::detail {

// The start line and fields of `message` as Beast's serializer writes them, ending with the empty
// line.
template <bool isRequest>
[[nodiscard]] std::string header_text(
    const boost::beast::http::message<isRequest, boost::beast::http::string_body>& message) {
  std::string out;
  out.reserve(256);
  const std::string_view version = message.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
  if constexpr (isRequest) {
    out += message.method_string();
    out += ' ';
    out += message.target();
    out += ' ';
    out += version;
  } else {
    out += version;
    out += ' ';
    out += std::to_string(message.result_int());
    out += ' ';
    out += message.reason();
  }
  out += "\r\n";
  for (const auto& field : message) {
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

// Writes `message` (its fields already prepared, Content-Length included); the error and the
// bytes written.
template <class Stream, bool isRequest>
boost::asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> async_write_message(
    Stream& stream,
    const boost::beast::http::message<isRequest, boost::beast::http::string_body>& message) {
  const std::string head = header_text(message);
  const std::array<boost::asio::const_buffer, 2> pieces{boost::asio::buffer(head),
                                                        boost::asio::buffer(message.body())};
  co_return co_await boost::asio::async_write(stream, pieces,
                                              boost::asio::as_tuple(boost::asio::use_awaitable));
}

}  // namespace wgbot::http::detail
