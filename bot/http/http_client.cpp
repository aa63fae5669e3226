// One coroutine per request, on the strand of the connection it uses: take an idle connection
// or open one (resolve, connect, TLS handshake), exchange, give the connection back to the
// pool. Coroutines hold the Impl, so the HttpClient may go away while they run.
#include "bot/http/http_client.hpp"

#include <cstdint>
#include <exception>
#include <mutex>
#include <unordered_map>
#include <utility>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/http/client_connection.hpp"
#include "bot/http/client_exchange.hpp"
#include "bot/http/tls_context.hpp"
#include "bot/http/url.hpp"

namespace wgbot::http {

namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using detail::ClientConnection;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Waiting for the server's close_notify is a courtesy, never a delay that matters.
constexpr std::chrono::seconds kTlsShutdownTimeout{2};
constexpr std::string_view kClientClosed = "client closed";

// What the destructor must be able to abort: a request or a TLS shutdown. On its strand only.
struct Operation {
  Operation(std::uint64_t id, asio::any_io_executor strand)
      : id(id), strand(std::move(strand)), resolver(this->strand) {}

  void cancel() {
    cancelled = true;
    resolver.cancel();
    if (connection) connection->close();
  }

  const std::uint64_t id;
  asio::any_io_executor strand;
  tcp::resolver resolver;
  std::shared_ptr<ClientConnection> connection;  // the one in use, if any
  bool cancelled = false;
};

struct Connected {
  std::shared_ptr<ClientConnection> connection;  // null on failure
  std::string error;
};

// The TLS handshake error, with OpenSSL's reason for refusing the certificate when there is one.
std::string describe_handshake_error(detail::TlsStream& stream,
                                     const boost::system::error_code& ec) {
  std::string text = detail::describe_error("tls handshake", ec);
  const long verify = SSL_get_verify_result(stream.native_handle());
  if (verify != X509_V_OK) {
    text += " (";
    text += X509_verify_cert_error_string(verify);
    text += ")";
  }
  return text;
}

}  // namespace

struct HttpClient::Impl {
  Impl(asio::io_context& ioc, ClientOptions options)
      : ioc(ioc),
        options(std::move(options)),
        tls(detail::make_client_tls_context(this->options)),
        pool(this->options.max_idle_per_host) {}

  static void start(const std::shared_ptr<Impl>& self, ClientRequest request, Done done);
  static asio::awaitable<ClientResponse> run(std::shared_ptr<Impl> self,
                                             std::shared_ptr<Operation> op, Url url,
                                             detail::BeastRequest message,
                                             std::chrono::milliseconds timeout,
                                             std::shared_ptr<ClientConnection> connection);
  asio::awaitable<Connected> connect(std::shared_ptr<Operation> op, const Url& url);
  static void release(const std::shared_ptr<Impl>& self,
                      std::shared_ptr<ClientConnection> connection, bool keep_alive);
  static asio::awaitable<void> shutdown_tls(std::shared_ptr<ClientConnection> connection);

  // Null once the client is closed.
  std::shared_ptr<Operation> begin_operation(asio::any_io_executor strand);
  void end_operation(std::uint64_t id);
  void fail_soon(Done done, std::string_view origin, std::string error);
  void close_all();

  asio::io_context& ioc;
  const ClientOptions options;
  ssl::context tls;
  detail::ConnectionPool pool;

  std::mutex mu;  // guards the members below
  bool closed = false;
  std::uint64_t next_id = 0;
  std::unordered_map<std::uint64_t, std::shared_ptr<Operation>> operations;
};

namespace {

ClientResponse failure(std::string_view origin, std::string error) {
  spdlog::warn("event=http_client_error origin={} error=\"{}\"", origin, error);
  ClientResponse response;
  response.error = std::move(error);
  return response;
}

}  // namespace

std::shared_ptr<Operation> HttpClient::Impl::begin_operation(asio::any_io_executor strand) {
  std::lock_guard lock(mu);
  if (closed) return nullptr;
  auto op = std::make_shared<Operation>(++next_id, std::move(strand));
  operations.emplace(op->id, op);
  return op;
}

void HttpClient::Impl::end_operation(std::uint64_t id) {
  std::lock_guard lock(mu);
  operations.erase(id);
}

void HttpClient::Impl::fail_soon(Done done, std::string_view origin, std::string error) {
  asio::post(ioc, [done = std::move(done), response = failure(origin, std::move(error))]() mutable {
    done(std::move(response));
  });
}

void HttpClient::Impl::close_all() {
  std::vector<std::shared_ptr<Operation>> ops;
  {
    std::lock_guard lock(mu);
    closed = true;
    for (const auto& [id, op] : operations) ops.push_back(op);
  }
  for (auto& connection : pool.take_all(true)) {
    asio::post(connection->executor(), [connection] { connection->close(); });
  }
  for (auto& op : ops) asio::post(op->strand, [op] { op->cancel(); });
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink, moved into the request's coroutine
void HttpClient::Impl::start(const std::shared_ptr<Impl>& self, ClientRequest request, Done done) {
  auto url = parse_url(request.url);
  if (!url) return self->fail_soon(std::move(done), "-", "invalid url");
  detail::BeastRequest message;
  if (auto error = detail::build_request(request, *url, message); !error.empty()) {
    return self->fail_soon(std::move(done), url->origin(), std::move(error));
  }
  auto idle = self->pool.take(url->origin());
  auto strand = idle ? idle->executor() : asio::make_strand(self->ioc);
  auto op = self->begin_operation(strand);
  if (!op) {
    if (idle) asio::post(strand, [idle] { idle->close(); });
    return self->fail_soon(std::move(done), url->origin(), std::string(kClientClosed));
  }
  auto origin = url->origin();
  asio::co_spawn(
      strand, run(self, op, std::move(*url), std::move(message), request.timeout, std::move(idle)),
      [self, op, origin, done = std::move(done)](const std::exception_ptr& e,
                                                 ClientResponse response) mutable {
        self->end_operation(op->id);
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            response = failure(origin, std::string("internal error: ") + ex.what());
          } catch (...) {
            response = failure(origin, "internal error");
          }
        }
        done(std::move(response));
      });
}

asio::awaitable<ClientResponse> HttpClient::Impl::run(
    std::shared_ptr<Impl> self, std::shared_ptr<Operation> op, Url url,
    detail::BeastRequest message, std::chrono::milliseconds timeout,
    std::shared_ptr<ClientConnection> connection) {
  const std::string origin = url.origin();
  bool reused = connection != nullptr;
  if (connection && !connection->looks_reusable()) {
    spdlog::debug("event=http_client_stale_connection origin={}", origin);
    connection->close();
    connection.reset();
    reused = false;
  }
  for (;;) {
    if (op->cancelled) co_return failure(origin, std::string(kClientClosed));
    if (!connection) {
      auto connected = co_await self->connect(op, url);
      if (!connected.connection) co_return failure(origin, std::move(connected.error));
      connection = std::move(connected.connection);
    }
    op->connection = connection;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto result =
        co_await detail::exchange(*connection, message, deadline, self->options.max_body_bytes);
    op->connection.reset();
    if (result.response.status != 0) {
      ++connection->requests;
      release(self, std::move(connection), result.keep_alive && !op->cancelled);
      co_return std::move(result.response);
    }
    connection->close();
    connection.reset();
    if (op->cancelled) co_return failure(origin, std::string(kClientClosed));
    // An idle connection the server closed fails before any answer: once, on a fresh one.
    if (!reused || !result.stale) co_return failure(origin, std::move(result.error));
    spdlog::debug("event=http_client_retry origin={} reason=stale_connection error=\"{}\"", origin,
                  result.error);
    reused = false;
  }
}

asio::awaitable<Connected> HttpClient::Impl::connect(std::shared_ptr<Operation> op,
                                                     const Url& url) {
  const auto deadline = std::chrono::steady_clock::now() + options.connect_timeout;
  // getaddrinfo cannot be interrupted: resolving is bounded by the system resolver's timeouts.
  const auto [resolve_ec, endpoints] = co_await op->resolver.async_resolve(
      url.host, std::to_string(url.port), tcp::resolver::numeric_service, kUseTuple);
  if (op->cancelled) co_return Connected{nullptr, std::string(kClientClosed)};
  if (resolve_ec) co_return Connected{nullptr, detail::describe_error("resolve", resolve_ec)};

  auto connection = url.tls() ? std::make_shared<ClientConnection>(op->strand, url.origin(), tls)
                              : std::make_shared<ClientConnection>(op->strand, url.origin());
  op->connection = connection;
  connection->tcp().expires_at(deadline);
  const auto [connect_ec, endpoint] =
      co_await connection->tcp().async_connect(endpoints, kUseTuple);
  if (op->cancelled) co_return Connected{nullptr, std::string(kClientClosed)};
  if (connect_ec) co_return Connected{nullptr, detail::describe_error("connect", connect_ec)};

  if (auto* stream = connection->tls()) {
    if (auto error = detail::prepare_tls_stream(*stream, url.host); !error.empty()) {
      co_return Connected{nullptr, std::move(error)};
    }
    connection->tcp().expires_at(deadline);
    const auto [handshake_ec] =
        co_await stream->async_handshake(ssl::stream_base::client, kUseTuple);
    if (op->cancelled) co_return Connected{nullptr, std::string(kClientClosed)};
    if (handshake_ec) {
      auto error = describe_handshake_error(*stream, handshake_ec);
      connection->close();
      co_return Connected{nullptr, std::move(error)};
    }
  }
  connection->tcp().expires_never();
  spdlog::debug("event=http_client_connected origin={}", url.origin());
  co_return Connected{std::move(connection), {}};
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): ownership passes to the pool or ends here
void HttpClient::Impl::release(const std::shared_ptr<Impl>& self,
                               std::shared_ptr<ClientConnection> connection, bool keep_alive) {
  connection->tcp().expires_never();
  if (keep_alive && self->pool.put(connection)) return;
  if (!connection->tls()) return connection->close();
  auto op = self->begin_operation(connection->executor());
  if (!op) return connection->close();
  op->connection = connection;
  asio::co_spawn(connection->executor(), shutdown_tls(connection),
                 [self, op](const std::exception_ptr& e) {
                   self->end_operation(op->id);
                   if (e)
                     spdlog::error("event=coroutine_exception coroutine=http_client_tls_shutdown");
                 });
}

asio::awaitable<void> HttpClient::Impl::shutdown_tls(std::shared_ptr<ClientConnection> connection) {
  connection->tcp().expires_after(kTlsShutdownTimeout);
  const auto [ec] = co_await connection->tls()->async_shutdown(kUseTuple);
  // Servers often close without their close_notify: a truncated stream is the usual ending.
  if (ec && ec != ssl::error::stream_truncated && ec != asio::error::eof) {
    spdlog::debug("event=http_client_tls_shutdown origin={} error=\"{}\"", connection->origin(),
                  ec.message());
  }
  connection->close();
}

HttpClient::HttpClient(boost::asio::io_context& ioc, ClientOptions options)
    : impl_(std::make_shared<Impl>(ioc, std::move(options))) {}

HttpClient::~HttpClient() {
  impl_->close_all();
}

void HttpClient::request(ClientRequest request, Done done) {
  Impl::start(impl_, std::move(request), std::move(done));
}

void HttpClient::close_idle() {
  for (auto& connection : impl_->pool.take_all(false)) {
    asio::post(connection->executor(), [connection] { connection->close(); });
  }
}

boost::asio::io_context& HttpClient::context() const {
  return impl_->ioc;
}

}  // namespace wgbot::http
