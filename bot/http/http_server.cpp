#include "bot/http/http_server.hpp"

#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include "bot/http/server_state.hpp"

namespace wgbot::http {

namespace detail {

namespace {

// Accept errors such as EMFILE persist for a while: retry, but not in a hot loop.
constexpr std::chrono::milliseconds kAcceptBackoff{100};
// At most one log line per this interval about connections refused over max_connections.
constexpr std::chrono::seconds kRefusalLogInterval{10};

std::string format_endpoint(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

std::string remote_of(const tcp::socket& socket) {
  boost::system::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : format_endpoint(endpoint);
}

}  // namespace

Connection::Connection(std::uint64_t id, tcp::socket socket)
    : id(id),
      remote(remote_of(socket)),
      stream(std::move(socket)),
      response_ready(stream.get_executor(), asio::steady_timer::time_point::max()) {}

ServerState::ServerState(asio::io_context& ioc, ServerOptions options,
                         std::shared_ptr<const Router> router)
    : ioc(ioc),
      options(std::move(options)),
      router(std::move(router)),
      strand(asio::make_strand(ioc)),
      acceptor(strand),
      backoff_timer(strand),
      grace_timer(strand) {}

std::size_t ServerState::connection_count() const {
  std::lock_guard lock(conns_mu_);
  return conns_.size();
}

std::vector<std::shared_ptr<Connection>> ServerState::connections() const {
  std::lock_guard lock(conns_mu_);
  std::vector<std::shared_ptr<Connection>> result;
  result.reserve(conns_.size());
  for (const auto& [id, conn] : conns_) result.push_back(conn);
  return result;
}

void ServerState::remove_connection(std::uint64_t id) {
  {
    std::lock_guard lock(conns_mu_);
    conns_.erase(id);
  }
  if (stopping) asio::post(strand, [self = shared_from_this()] { self->maybe_finish(); });
}

void ServerState::admit(tcp::socket socket) {
  if (connection_count() >= options.max_connections) {
    ++rejected;
    // A flood of connections must not become a flood of log lines: one line per interval, with
    // the number refused since the last one.
    ++refused_unlogged_;
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_refusal_log_) {
      spdlog::warn(
          "event=http_connection_rejected reason=max_connections limit={} remote={} "
          "refused_since_last_line={}",
          options.max_connections, remote_of(socket), refused_unlogged_);
      refused_unlogged_ = 0;
      next_refusal_log_ = now + kRefusalLogInterval;
    }
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
    return;
  }
  auto conn = std::make_shared<Connection>(++next_id_, std::move(socket));
  {
    std::lock_guard lock(conns_mu_);
    conns_.emplace(conn->id, conn);
  }
  spdlog::debug("event=http_connection_open conn={} remote={}", conn->id, conn->remote);
  asio::co_spawn(conn->stream.get_executor(), run_session(shared_from_this(), conn),
                 [id = conn->id](std::exception_ptr e) {
                   log_coroutine_exception("http_session", id, std::move(e));
                 });
}

void ServerState::begin_shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
  if (done) done_.push_back(std::move(done));
  if (shutdown_started_) {
    maybe_finish();
    return;
  }
  shutdown_started_ = true;
  stopping = true;
  spdlog::info("event=http_shutdown grace_ms={} connections={}", grace.count(), connection_count());
  boost::system::error_code ec;
  acceptor.close(ec);
  backoff_timer.cancel();
  // Idle keep-alive connections go now; busy ones close after their response.
  for (auto& conn : connections()) {
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->idle) conn->stream.close();
    });
  }
  grace_timer.expires_after(grace);
  grace_timer.async_wait(
      asio::bind_executor(strand, [self = shared_from_this()](boost::system::error_code wait_ec) {
        if (wait_ec || self->finished_) return;
        spdlog::warn("event=http_shutdown_grace_expired connections={}", self->connection_count());
        self->close_all();
      }));
  maybe_finish();
}

void ServerState::close_all() {
  stopping = true;
  boost::system::error_code ec;
  acceptor.close(ec);
  backoff_timer.cancel();
  for (auto& conn : connections()) {
    asio::post(conn->stream.get_executor(), [conn] {
      conn->force_closed = true;
      conn->stream.close();
      conn->response_ready.cancel();  // a session waiting for its handler wakes up and leaves
    });
  }
}

void ServerState::maybe_finish() {
  if (!shutdown_started_ || connection_count() > 0) return;
  if (!finished_) {
    finished_ = true;
    grace_timer.cancel();  // so that the io_context can run out of work
    spdlog::info("event=http_shutdown_done");
  }
  for (auto& done : done_) asio::post(ioc, std::move(done));
  done_.clear();
}

void log_coroutine_exception(std::string_view coroutine, std::uint64_t conn, std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(std::move(e));
  } catch (const std::exception& ex) {
    spdlog::error("event=coroutine_exception coroutine={} conn={} what=\"{}\"", coroutine, conn,
                  ex.what());
  } catch (...) {
    spdlog::error("event=coroutine_exception coroutine={} conn={} what=unknown", coroutine, conn);
  }
}

asio::awaitable<void> accept_loop(std::shared_ptr<ServerState> server) {
  ServerState& s = *server;
  while (!s.stopping) {
    // Each connection gets its own strand, so handlers of different connections run in parallel.
    auto [ec, socket] = co_await s.acceptor.async_accept(asio::make_strand(s.ioc), kUseTuple);
    if (s.stopping) break;
    if (!ec) {
      s.admit(std::move(socket));
      continue;
    }
    if (!s.acceptor.is_open()) {
      spdlog::error("event=http_accept_stopped error=\"{}\"", ec.message());
      break;
    }
    // Never give up accepting (EMFILE and friends pass): back off and try again.
    spdlog::warn("event=http_accept_error error=\"{}\" backoff_ms={}", ec.message(),
                 kAcceptBackoff.count());
    s.backoff_timer.expires_after(kAcceptBackoff);
    co_await s.backoff_timer.async_wait(kUseTuple);
  }
}

}  // namespace detail

HttpServer::HttpServer(boost::asio::io_context& ioc, ServerOptions options,
                       std::shared_ptr<const Router> router) {
  if (!router) throw std::invalid_argument("HttpServer needs a router");
  state_ = std::make_shared<detail::ServerState>(ioc, std::move(options), std::move(router));
}

HttpServer::~HttpServer() {
  // The coroutines hold the state; closing everything lets them finish on the io_context.
  state_->stopping = true;
  boost::asio::post(state_->strand, [state = state_] { state->close_all(); });
}

void HttpServer::start() {
  using detail::tcp;
  auto& s = *state_;
  if (s.acceptor.is_open()) throw std::logic_error("HttpServer::start called twice");
  if (s.stopping) throw std::logic_error("HttpServer::start called after shutdown");
  const std::string where = s.options.host + ":" + std::to_string(s.options.port);
  boost::system::error_code ec;
  auto check = [&](std::string_view step) {
    if (!ec) return;
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
    throw std::runtime_error("cannot listen on " + where + ": " + std::string(step) + ": " +
                             ec.message());
  };
  tcp::resolver resolver(s.ioc);
  const auto results =
      resolver.resolve(s.options.host, std::to_string(s.options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  check("resolve");
  if (results.empty()) {
    ec = boost::asio::error::host_not_found;
    check("resolve");
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  s.acceptor.open(endpoint.protocol(), ec);
  check("open");
  s.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  check("set reuse_address");
  s.acceptor.bind(endpoint, ec);
  check("bind");
  s.acceptor.listen(tcp::acceptor::max_listen_connections, ec);
  check("listen");
  const auto local = s.acceptor.local_endpoint(ec);
  check("local_endpoint");
  s.port = local.port();
  spdlog::info("event=http_listening addr={}", detail::format_endpoint(local));
  boost::asio::co_spawn(s.strand, detail::accept_loop(state_), [](std::exception_ptr e) {
    detail::log_coroutine_exception("http_accept", 0, std::move(e));
  });
}

unsigned short HttpServer::port() const {
  return state_->port;
}

void HttpServer::shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
  // At once, so that every response written after this call says "Connection: close".
  state_->stopping = true;
  boost::asio::dispatch(state_->strand, [state = state_, grace, done = std::move(done)]() mutable {
    state->begin_shutdown(grace, std::move(done));
  });
}

std::size_t HttpServer::active_connections() const {
  return state_->connection_count();
}

HttpServer::Stats HttpServer::stats() const {
  return Stats{state_->requests.load(), state_->rejected.load()};
}

}  // namespace wgbot::http
