// Internal to the HTTP server's .cpp files (it includes Boost; never include it from a public
// header): the state shared by HttpServer, the accept loop and the sessions.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "bot/http/http_server.hpp"

namespace wgbot::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// I/O edges report errors as values.
inline constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

struct Connection {
  Connection(std::uint64_t id, tcp::socket socket);

  const std::uint64_t id;
  const std::string remote;  // "ip:port"
  beast::tcp_stream stream;  // its executor is the connection's own strand
  // Never expires; a pending wait is cancelled when the handler's answer arrives.
  asio::steady_timer response_ready;

  // Touched only on the strand.
  bool idle = true;           // waiting for a request's first byte: shutdown may close it now
  bool force_closed = false;  // the shutdown grace ran out
};

class ServerState : public std::enable_shared_from_this<ServerState> {
 public:
  ServerState(asio::io_context& ioc, ServerOptions options, std::shared_ptr<const Router> router);

  asio::io_context& ioc;
  const ServerOptions options;
  const std::shared_ptr<const Router> router;
  // Serialises the acceptor, the timers and the shutdown bookkeeping.
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::steady_timer backoff_timer;
  asio::steady_timer grace_timer;

  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<unsigned short> port{0};

  // Any thread.
  [[nodiscard]] std::size_t connection_count() const;
  [[nodiscard]] std::vector<std::shared_ptr<Connection>> connections() const;
  // Called by a session as it ends; lets a pending shutdown finish.
  void remove_connection(std::uint64_t id);

  // On `strand` only.
  void admit(tcp::socket socket);
  void begin_shutdown(std::chrono::milliseconds grace, std::function<void()> done);
  void close_all();  // hard stop: the grace ran out, or the server is being destroyed
  void maybe_finish();

 private:
  mutable std::mutex conns_mu_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> conns_;

  // On `strand` only.
  std::uint64_t next_id_ = 0;
  std::uint64_t refused_unlogged_ = 0;  // over max_connections, since the last log line
  std::chrono::steady_clock::time_point next_refusal_log_{};
  bool shutdown_started_ = false;
  bool finished_ = false;
  std::vector<std::function<void()>> done_;
};

// Logs how a spawned coroutine ended, if by an exception; for co_spawn's completion handler.
void log_coroutine_exception(std::string_view coroutine, std::uint64_t conn, std::exception_ptr e);

asio::awaitable<void> accept_loop(std::shared_ptr<ServerState> server);
asio::awaitable<void> run_session(std::shared_ptr<ServerState> server,
                                  std::shared_ptr<Connection> conn);

}  // namespace wgbot::http::detail
