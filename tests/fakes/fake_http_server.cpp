#include "fakes/fake_http_server.hpp"

#include <atomic>
#include <future>
#include <map>
#include <optional>
#include <thread>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace wgbot::test {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::seconds kIoTimeout{5};  // a stuck client never keeps the server busy

struct ServerConnection {
  std::size_t id;
  std::variant<beast::tcp_stream, TlsStream> stream;

  beast::tcp_stream& tcp() {
    if (auto* tls = std::get_if<TlsStream>(&stream)) return tls->next_layer();
    return std::get<beast::tcp_stream>(stream);
  }
  void close() {
    boost::system::error_code ec;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ec);
    tcp().close();
  }
};

http::Request to_request(const bhttp::request<bhttp::string_body>& message, std::size_t id) {
  http::Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = message.body();
  request.remote = "connection-" + std::to_string(id);
  return request;
}

bhttp::response<bhttp::string_body> to_message(const http::Response& response, bool keep_alive) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), 11};
  message.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

}  // namespace

struct FakeHttpServer::Impl {
  Impl(Handler handler, FakeServerOptions options)
      : handler(std::move(handler)), options(std::move(options)) {}

  template <class Stream>
  asio::awaitable<void> serve(Stream& stream, ServerConnection& conn);
  asio::awaitable<void> session(std::shared_ptr<ServerConnection> conn);
  asio::awaitable<void> accept_loop();

  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;
  Handler handler;
  FakeServerOptions options;
  unsigned short port = 0;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> requests{0};
  std::atomic<std::size_t> handshake_failures{0};
  std::map<std::size_t, std::shared_ptr<ServerConnection>> open;  // server thread only
  std::thread thread;
};

template <class Stream>
asio::awaitable<void> FakeHttpServer::Impl::serve(Stream& stream, ServerConnection& conn) {
  beast::flat_buffer buffer;
  for (std::size_t nth = 1;; ++nth) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    conn.tcp().expires_never();  // idle and hanging connections wait for the client
    auto [read_ec, read] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
    if (read_ec) co_return;
    ++requests;
    const auto message = parser.release();
    const auto request = to_request(message, conn.id);
    const FakeReply reply = handler(FakeExchange{request, conn.id, nth});
    if (reply.action == FakeReply::Action::close) co_return;
    if (reply.action == FakeReply::Action::hang) continue;
    const bool keep_alive = options.keep_alive && message.keep_alive();
    auto answer = to_message(reply.response, keep_alive);
    conn.tcp().expires_after(kIoTimeout);
    auto [write_ec, written] = co_await bhttp::async_write(stream, answer, kUseTuple);
    if (write_ec || !keep_alive) break;
  }
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    conn.tcp().expires_after(kIoTimeout);
    co_await stream.async_shutdown(kUseTuple);
  }
}

asio::awaitable<void> FakeHttpServer::Impl::session(std::shared_ptr<ServerConnection> conn) {
  if (auto* stream = std::get_if<TlsStream>(&conn->stream)) {
    conn->tcp().expires_after(kIoTimeout);
    auto [ec] = co_await stream->async_handshake(ssl::stream_base::server, kUseTuple);
    if (ec) {
      ++handshake_failures;
    } else {
      co_await serve(*stream, *conn);
    }
  } else {
    co_await serve(std::get<beast::tcp_stream>(conn->stream), *conn);
  }
  conn->close();
  open.erase(conn->id);
}

asio::awaitable<void> FakeHttpServer::Impl::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kUseTuple);
    if (ec) co_return;  // closed by the destructor
    const std::size_t id = ++accepted;
    auto conn = tls ? std::make_shared<ServerConnection>(ServerConnection{
                          id, std::variant<beast::tcp_stream, TlsStream>(
                                  std::in_place_type<TlsStream>, std::move(socket), *tls)})
                    : std::make_shared<ServerConnection>(ServerConnection{
                          id, std::variant<beast::tcp_stream, TlsStream>(
                                  std::in_place_type<beast::tcp_stream>, std::move(socket))});
    open.emplace(id, conn);
    asio::co_spawn(ioc, session(conn), asio::detached);
  }
}

FakeHttpServer::FakeHttpServer(Handler handler, FakeServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {
  auto& s = *impl_;
  if (!s.options.tls_certificate_pem.empty()) {
    s.tls.emplace(ssl::context::tls_server);
    s.tls->use_certificate_chain(asio::buffer(s.options.tls_certificate_pem));
    s.tls->use_private_key(asio::buffer(s.options.tls_private_key_pem), ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(tcp::acceptor::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen();
  s.port = s.acceptor.local_endpoint().port();
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);
  s.thread = std::thread([&s] { s.ioc.run(); });
}

FakeHttpServer::~FakeHttpServer() {
  auto& s = *impl_;
  asio::post(s.ioc, [&s] {
    boost::system::error_code ec;
    s.acceptor.close(ec);
    for (auto& [id, conn] : s.open) conn->close();
    s.work.reset();
  });
  s.thread.join();
}

unsigned short FakeHttpServer::port() const {
  return impl_->port;
}

std::string FakeHttpServer::base_url(std::string_view host) const {
  return std::string(impl_->tls ? "https://" : "http://") + std::string(host) + ":" +
         std::to_string(impl_->port);
}

std::size_t FakeHttpServer::connections_accepted() const {
  return impl_->accepted.load();
}

std::size_t FakeHttpServer::requests() const {
  return impl_->requests.load();
}

std::size_t FakeHttpServer::tls_handshake_failures() const {
  return impl_->handshake_failures.load();
}

void FakeHttpServer::close_connections() {
  std::promise<void> closed;
  asio::post(impl_->ioc, [this, &closed] {
    for (auto& [id, conn] : impl_->open) conn->close();
    closed.set_value();
  });
  closed.get_future().wait();
}

}  // namespace wgbot::test
