// Internal to the HTTP client's .cpp files (includes Boost): one outbound connection, plain or
// TLS, bound to its own strand, and the pool of idle kept-alive connections per origin.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace wgbot::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

class ClientConnection {
 public:
  // Plain.
  ClientConnection(asio::any_io_executor strand, std::string origin);
  // TLS over a TCP stream; the handshake is the caller's.
  ClientConnection(asio::any_io_executor strand, std::string origin, asio::ssl::context& tls);

  [[nodiscard]] const asio::any_io_executor& executor() const { return strand_; }
  // "scheme://host:port": the pool key, and what logs may show.
  [[nodiscard]] const std::string& origin() const { return origin_; }
  [[nodiscard]] beast::tcp_stream& tcp();
  // Null for a plain connection.
  [[nodiscard]] TlsStream* tls() { return std::get_if<TlsStream>(&stream_); }

  // On the strand. True while the socket is open and the peer has neither closed it nor sent
  // anything unasked — the check before reusing an idle connection.
  [[nodiscard]] bool looks_reusable();
  // On the strand. Closes the socket, aborting any operation in progress.
  void close();

  std::size_t requests = 0;  // answered on this connection so far

 private:
  asio::any_io_executor strand_;
  std::string origin_;
  std::variant<beast::tcp_stream, TlsStream> stream_;
};

// Idle kept-alive connections per origin, most recently used first out. Any thread.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::size_t max_idle_per_origin) : max_idle_(max_idle_per_origin) {}

  // An idle connection to `origin`, or null.
  [[nodiscard]] std::shared_ptr<ClientConnection> take(const std::string& origin);
  // False when the pool is closed or full: the caller closes the connection instead.
  [[nodiscard]] bool put(std::shared_ptr<ClientConnection> connection);
  // Empties the pool; with `close_pool`, later put()s are refused.
  [[nodiscard]] std::vector<std::shared_ptr<ClientConnection>> take_all(bool close_pool);

 private:
  std::mutex mu_;
  std::size_t max_idle_;
  bool closed_ = false;
  std::map<std::string, std::vector<std::shared_ptr<ClientConnection>>, std::less<>> idle_;
};

}  // namespace wgbot::http::detail
