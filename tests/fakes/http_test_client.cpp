#include "fakes/http_test_client.hpp"

#include <array>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace wgbot::test {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

constexpr std::uint64_t kResponseBodyLimit = 64ull << 20;

}  // namespace

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return {};
}

struct HttpTestConnection::Impl {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  std::chrono::milliseconds timeout;
  unsigned short port;
  std::string connect_error;
  bool connected = false;

  // Runs one asynchronous operation to completion on the private io_context.
  template <typename Initiate>
  error_code run(Initiate&& initiate) {
    error_code result = asio::error::would_block;
    initiate([&result](error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  void connect() {
    stream.expires_after(timeout);
    const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
    const error_code ec = run([&](auto handler) { stream.async_connect(endpoint, handler); });
    connected = !ec;
    if (ec) connect_error = ec.message();
  }

  std::string write(std::string_view bytes) {
    if (!connected) return "not connected: " + connect_error;
    stream.expires_after(timeout);
    const error_code ec = run([&](auto handler) {
      asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), handler);
    });
    return ec ? ec.message() : std::string();
  }

  // `head`: the answer to a HEAD request, whose Content-Length announces a body never sent.
  HttpResult read_response(bool head = false) {
    HttpResult result;
    if (!connected) {
      result.error = "not connected: " + connect_error;
      return result;
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kResponseBodyLimit);
    parser.skip(head);
    stream.expires_after(timeout);
    const error_code ec =
        run([&](auto handler) { bhttp::async_read(stream, buffer, parser, handler); });
    if (ec) {
      result.error = ec.message();
      return result;
    }
    const auto& message = parser.get();
    result.status = static_cast<int>(message.result_int());
    result.body = message.body();
    for (const auto& field : message) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    return result;
  }

  HttpResult exchange(std::string_view method, std::string_view target, std::string_view body,
                      const HeaderList& headers, bool keep_alive) {
    bhttp::request<bhttp::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) request.insert(name, value);
    request.body() = std::string(body);
    request.keep_alive(keep_alive);
    if (!body.empty() || method == "POST" || method == "PUT") request.prepare_payload();
    HttpResult result;
    if (!connected) {
      result.error = "not connected: " + connect_error;
      return result;
    }
    stream.expires_after(timeout);
    const error_code ec = run([&](auto handler) { bhttp::async_write(stream, request, handler); });
    if (ec) {
      result.error = ec.message();
      return result;
    }
    return read_response(method == "HEAD");
  }
};

HttpResult http_request(unsigned short port, std::string_view method, std::string_view target,
                        std::string_view body, const HeaderList& headers) {
  HttpTestConnection connection(port);
  if (!connection.connected()) {
    HttpResult result;
    result.error = "connect: " + connection.connect_error();
    return result;
  }
  HeaderList all = headers;
  all.emplace_back("Connection", "close");
  return connection.request(method, target, body, all);
}

HttpTestConnection::HttpTestConnection(unsigned short port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->timeout = timeout;
  impl_->port = port;
  impl_->connect();
}

HttpTestConnection::~HttpTestConnection() = default;

bool HttpTestConnection::connected() const {
  return impl_->connected;
}

const std::string& HttpTestConnection::connect_error() const {
  return impl_->connect_error;
}

HttpResult HttpTestConnection::request(std::string_view method, std::string_view target,
                                       std::string_view body, const HeaderList& headers) {
  bool keep_alive = true;
  for (const auto& [name, value] : headers) {
    if (beast::iequals(name, "Connection") && beast::iequals(value, "close")) keep_alive = false;
  }
  HeaderList others;
  for (const auto& header : headers) {
    if (!beast::iequals(header.first, "Connection")) others.push_back(header);
  }
  return impl_->exchange(method, target, body, others, keep_alive);
}

HttpResult HttpTestConnection::send_raw(std::string_view bytes) {
  if (auto error = impl_->write(bytes); !error.empty()) {
    HttpResult result;
    result.error = error;
    return result;
  }
  return impl_->read_response();
}

std::string HttpTestConnection::write_raw(std::string_view bytes) {
  return impl_->write(bytes);
}

HttpResult HttpTestConnection::read_response() {
  return impl_->read_response();
}

bool HttpTestConnection::wait_closed(std::chrono::milliseconds timeout) {
  if (!impl_->connected) return true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> scratch{};
  for (;;) {
    impl_->stream.expires_at(deadline);
    const error_code ec = impl_->run(
        [&](auto handler) { impl_->stream.async_read_some(asio::buffer(scratch), handler); });
    if (ec == beast::error::timeout) return false;
    if (ec) return true;
  }
}

}  // namespace wgbot::test
