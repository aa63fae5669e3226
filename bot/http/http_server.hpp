// The HTTP/1.1 server for webhooks and health endpoints: a listener that never gives up
// accepting, and one coroutine per connection (body limit, timeouts, keep-alive).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bot/http/http_types.hpp"
#include "bot/http/router.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace wgbot::http {

namespace detail {
class ServerState;
}  // namespace detail

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; see HttpServer::port()
  std::size_t max_body_bytes = std::size_t{1} << 20U;
  std::size_t max_connections = 512;
  // Milliseconds so that tests can use short real timeouts; assign seconds freely.
  // header: from a request's first byte to its last header line.
  std::chrono::milliseconds header_timeout = std::chrono::seconds{10};
  // body: reading a request body; also writing a response.
  std::chrono::milliseconds body_timeout = std::chrono::seconds{30};
  // idle: waiting for the next request on a kept-alive connection.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds{60};
  // Told of each request the server refuses itself, before any handler sees it (400, 413, 431,
  // 501): the request's path when its header was read ("" otherwise) and the status. Any thread.
  std::function<void(std::string_view path, int status)> on_refused;
};

class HttpServer {
 public:
  struct Stats {
    std::uint64_t requests;              // requests read in full and handed to the router
    std::uint64_t rejected_connections;  // closed at once because of max_connections
  };

  HttpServer(boost::asio::io_context& ioc, ServerOptions options,
             std::shared_ptr<const Router> router);
  // Stops accepting and closes every connection; prefer shutdown() and wait for `done`.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; throws std::runtime_error("cannot listen on HOST:PORT: reason").
  void start();
  // The real port once started (listening on port 0 picks a free one); 0 before start().
  [[nodiscard]] unsigned short port() const;

  // Graceful: stop accepting, close idle keep-alive connections, let requests in flight finish
  // (up to `grace`, then close them), then post `done` to the io_context. Any thread.
  void shutdown(std::chrono::milliseconds grace, std::function<void()> done);

  [[nodiscard]] std::size_t active_connections() const;
  [[nodiscard]] Stats stats() const;

 private:
  // Shared with the coroutines, which may outlive the server object.
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace wgbot::http
