// One coroutine per connection: read a request (limits, timeouts), route it, wait for the
// handler's answer without blocking a thread, write it, repeat while kept alive.
#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <optional>
#include <random>
#include <tuple>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include "bot/http/media_shelf.hpp"
#include "bot/http/message_writer.hpp"
#include "bot/http/server_state.hpp"

namespace wgbot::http::detail {

namespace {

namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;
using error_code = boost::system::error_code;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadChunk = 4096;
// After an error answer, read (and drop) what the client is still sending for a while, so that
// closing does not reset the connection before the client has read the answer.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kLingerMaxBytes = std::size_t{256} * 1024;
constexpr std::string_view kServerName = "wgbot";

// Where a handler's answer meets its session. The Responder may outlive the session and die on
// another thread, so once closed the slot holds no Asio object and ignores answers.
class ResponseSlot {
 public:
  ResponseSlot(std::weak_ptr<Connection> conn, asio::any_io_executor strand)
      : conn_(std::move(conn)), strand_(std::move(strand)) {}

  // Any thread.
  void deliver(Response response) {
    std::lock_guard lock(mu_);
    if (!strand_ || delivered_) return;
    delivered_ = true;
    response_ = std::move(response);
    // Under the lock: close() cannot run meanwhile, so the strand is still alive.
    asio::post(*strand_, [conn = conn_] {
      if (auto c = conn.lock()) c->response_ready.cancel();
    });
  }

  // On the strand.
  std::optional<Response> take() {
    std::lock_guard lock(mu_);
    return std::exchange(response_, std::nullopt);
  }

  // On the strand, as the session stops waiting.
  void close() {
    std::lock_guard lock(mu_);
    strand_.reset();
  }

 private:
  std::mutex mu_;
  std::weak_ptr<Connection> conn_;
  std::optional<asio::any_io_executor> strand_;
  std::optional<Response> response_;
  bool delivered_ = false;
};

struct SlotCloser {
  std::shared_ptr<ResponseSlot> slot;
  ~SlotCloser() { slot->close(); }
};

// Unregisters the connection however the session ends (return, exception, frame destroyed).
struct SessionEnd {
  ServerState& server;
  std::uint64_t id;
  ~SessionEnd() {
    server.remove_connection(id);
    spdlog::debug("event=http_connection_closed conn={}", id);
  }
};

struct ReadResult {
  std::optional<BeastRequest> message;
  std::optional<Response> error;  // when there is no message: the answer to give before closing
  std::string path;               // of a refused request whose header was read; else ""
};

enum class After { keep_alive, close, linger_close };

bool is_token(std::string_view name) {
  constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) != 0 || kSpecials.find(ch) != std::string_view::npos;
  });
}

bool is_safe_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Turns a read error into the answer to give (if any) and one log line.
ReadResult classify_read_error(const Connection& c, const error_code& ec, std::string_view phase) {
  if (ec == bhttp::error::body_limit) {
    spdlog::warn("event=http_body_too_large conn={} remote={}", c.id, c.remote);
    return {std::nullopt, text_response(413, "request body too large"), {}};
  }
  if (ec == bhttp::error::header_limit) {
    spdlog::warn("event=http_header_too_large conn={} remote={}", c.id, c.remote);
    return {std::nullopt, text_response(431, "request header fields too large"), {}};
  }
  const bool http_error =
      ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
  if (http_error && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    spdlog::warn("event=http_bad_request conn={} remote={} error=\"{}\"", c.id, c.remote,
                 ec.message());
    return {std::nullopt, text_response(400, "bad request"), {}};
  }
  if (ec == beast::error::timeout) {
    spdlog::log(phase == "idle" ? spdlog::level::debug : spdlog::level::info,
                "event=http_timeout conn={} phase={}", c.id, phase);
  } else {
    spdlog::debug("event=http_read_end conn={} phase={} error=\"{}\"", c.id, phase, ec.message());
  }
  return {};  // close without an answer
}

// Random per process, so that request ids in logs differ across restarts.
const std::string& request_id_prefix() {
  static const std::string prefix = [] {
    std::random_device random;
    return fmt::format("{:08x}", random());
  }();
  return prefix;
}

Request to_request(BeastRequest&& message, const std::string& remote) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const auto query = request.target.find('?');
  request.path = request.target.substr(0, query);
  if (query != std::string::npos) request.query = request.target.substr(query + 1);
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote = remote;
  return request;
}

BeastResponse to_beast(Response response, unsigned version, bool keep_alive, std::uint64_t conn) {
  if (response.status < 200 || response.status > 599) {
    spdlog::error("event=http_invalid_status conn={} status={}", conn, response.status);
    response = text_response(500, "internal error");
  }
  BeastResponse res;
  res.version(version);
  res.result(static_cast<unsigned>(response.status));
  res.set(bhttp::field::server, kServerName);
  res.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    if (!is_token(name) || !is_safe_value(value)) {
      spdlog::warn("event=http_header_dropped conn={} reason=invalid", conn);
      continue;
    }
    switch (bhttp::string_to_field(name)) {
      case bhttp::field::content_length:  // computed here
      case bhttp::field::transfer_encoding:
      case bhttp::field::connection:
        break;
      case bhttp::field::content_type:
      case bhttp::field::server:
        res.set(name, value);
        break;
      default:
        res.insert(name, value);
    }
  }
  res.body() = std::move(response.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

asio::awaitable<bool> write_response(const ServerOptions& options, Connection& c, Response response,
                                     unsigned version, bool keep_alive, bool head = false) {
  BeastResponse res = to_beast(std::move(response), version, keep_alive, c.id);
  if (head) {  // the headers a GET would get, Content-Length included, and no body
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  c.stream.expires_after(options.body_timeout);
  auto [ec, bytes] = co_await async_write_message(c.stream, res);
  if (ec) {
    spdlog::info("event=http_write_failed conn={} error=\"{}\"", c.id, ec.message());
    co_return false;
  }
  co_return true;
}

// Waits for a request's first byte; the connection counts as idle meanwhile.
asio::awaitable<error_code> wait_first_byte(Connection& c, beast::flat_buffer& buffer,
                                            Clock::time_point deadline) {
  c.idle = true;
  c.stream.expires_at(deadline);
  auto [ec, bytes] = co_await c.stream.async_read_some(buffer.prepare(kReadChunk), kUseTuple);
  c.idle = false;
  if (!ec) buffer.commit(bytes);
  co_return ec;
}

// "Expect: 100-continue" clients (curl, for larger bodies) wait for this before sending one.
asio::awaitable<error_code> send_continue(const ServerOptions& options, Connection& c,
                                          const BeastRequest& header) {
  if (!beast::iequals(header[bhttp::field::expect], "100-continue")) co_return error_code{};
  bhttp::response<bhttp::empty_body> interim{bhttp::status::continue_, header.version()};
  c.stream.expires_after(options.body_timeout);
  auto [ec, bytes] = co_await bhttp::async_write(c.stream, interim, kUseTuple);
  co_return ec;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9112 §6.1: a request whose transfer coding we do not understand cannot be framed; reading
// it by Content-Length instead is how requests are smuggled past a proxy. The only coding
// accepted is plain "chunked", sent once, without a Content-Length beside it.
std::optional<Response> check_framing(const Connection& c, const BeastRequest& header) {
  std::string codings;
  int fields = 0;
  for (const auto& field : header) {
    if (field.name() != bhttp::field::transfer_encoding) continue;
    ++fields;
    if (!codings.empty()) codings += ",";
    codings += std::string(field.value());
  }
  if (fields == 0) return std::nullopt;
  if (fields > 1 || !beast::iequals(trim(codings), "chunked")) {
    spdlog::warn("event=http_transfer_coding_refused conn={} remote={}", c.id, c.remote);
    return text_response(501, "transfer coding not implemented");
  }
  if (header.find(bhttp::field::content_length) != header.end()) {
    spdlog::warn("event=http_bad_request conn={} remote={} error=\"{}\"", c.id, c.remote,
                 "Transfer-Encoding with Content-Length");
    return text_response(400, "bad request");
  }
  return std::nullopt;
}

std::string path_of(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

asio::awaitable<ReadResult> read_request(const ServerOptions& options, Connection& c,
                                         beast::flat_buffer& buffer, bool first) {
  const auto now = Clock::now();
  auto header_deadline = now + options.header_timeout;
  if (buffer.size() == 0) {
    const bool idle = !first;  // between keep-alive requests
    const auto wait_deadline = idle ? now + options.idle_timeout : header_deadline;
    if (auto ec = co_await wait_first_byte(c, buffer, wait_deadline)) {
      co_return classify_read_error(c, ec, idle ? "idle" : "header");
    }
    if (idle) header_deadline = Clock::now() + options.header_timeout;
  }
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(options.max_body_bytes);
  c.stream.expires_at(header_deadline);
  if (auto [ec, n] = co_await bhttp::async_read_header(c.stream, buffer, parser, kUseTuple); ec) {
    ReadResult refused = classify_read_error(c, ec, "header");
    refused.path = path_of(parser.get().target());  // "" until the request line is read
    co_return refused;
  }
  if (auto refused = check_framing(c, parser.get())) {
    co_return ReadResult{std::nullopt, std::move(refused), path_of(parser.get().target())};
  }
  if (!parser.is_done()) {
    if (auto ec = co_await send_continue(options, c, parser.get())) {
      co_return classify_read_error(c, ec, "continue");
    }
    c.stream.expires_after(options.body_timeout);
    if (auto [ec, n] = co_await bhttp::async_read(c.stream, buffer, parser, kUseTuple); ec) {
      ReadResult refused = classify_read_error(c, ec, "body");
      refused.path = path_of(parser.get().target());
      co_return refused;
    }
  }
  co_return ReadResult{parser.release(), std::nullopt, {}};
}

// Routes the request and waits, without blocking a thread, for the answer from whichever thread
// gives it. nullopt: the connection was closed meanwhile.
asio::awaitable<std::optional<Response>> handle(const ServerState& server,
                                                const std::shared_ptr<Connection>& conn,
                                                Request request) {
  auto slot = std::make_shared<ResponseSlot>(conn, conn->stream.get_executor());
  SlotCloser closer{slot};
  try {
    server.router->dispatch(std::move(request),
                            Responder([slot](Response r) { slot->deliver(std::move(r)); }));
  } catch (const std::exception& e) {  // its Responder has answered 500 while unwinding
    spdlog::error("event=http_handler_exception conn={} what=\"{}\"", conn->id, e.what());
  } catch (...) {
    spdlog::error("event=http_handler_exception conn={} what=unknown", conn->id);
  }
  for (;;) {
    if (conn->force_closed) co_return std::nullopt;
    if (auto response = slot->take()) co_return response;
    co_await conn->response_ready.async_wait(kUseTuple);  // cancelled by deliver() or close_all()
  }
}

asio::awaitable<After> serve_one(ServerState& server, const std::shared_ptr<Connection>& conn,
                                 beast::flat_buffer& buffer, bool first) {
  Connection& c = *conn;
  ReadResult read = co_await read_request(server.options, c, buffer, first);
  if (!read.message) {
    if (!read.error) co_return After::close;
    if (server.options.on_refused) server.options.on_refused(read.path, read.error->status);
    const bool written =
        co_await write_response(server.options, c, std::move(*read.error), 11, false);
    co_return written ? After::linger_close : After::close;
  }
  const std::uint64_t number = ++server.requests;
  const unsigned version = read.message->version();
  const bool client_keep_alive = read.message->keep_alive();
  Request request = to_request(std::move(*read.message), c.remote);
  request.id = request_id_prefix() + "-" + std::to_string(number);
  const std::string method = request.method;
  const std::string path = loggable_path(request.path);
  const std::string id = request.id;
  const auto started = Clock::now();

  std::optional<Response> response = co_await handle(server, conn, std::move(request));
  if (!response) co_return After::close;
  const bool has_id =
      std::any_of(response->headers.begin(), response->headers.end(),
                  [](const auto& h) { return beast::iequals(h.first, "X-Request-Id"); });
  if (!has_id) response->headers.emplace_back("X-Request-Id", id);
  const int status = response->status;
  const bool keep_alive = client_keep_alive && !server.stopping;
  // Logged before the answer is written, so that the line exists once the client has the answer
  // (and follows the log level of that moment); `ms` is the time taken to answer.
  spdlog::debug(
      "event=http_request request_id={} method={} path={} status={} ms={}", id, method, path,
      status,
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
  const bool written = co_await write_response(server.options, c, std::move(*response), version,
                                               keep_alive, method == "HEAD");
  co_return (written && keep_alive) ? After::keep_alive : After::close;
}

// Half-close, then drain what the client still sends (bounded) so that it reads our answer.
asio::awaitable<void> linger_close(Connection& c) {
  error_code ec;
  c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  const auto deadline = Clock::now() + kLingerTimeout;
  std::array<char, kReadChunk> scratch{};
  for (std::size_t drained = 0; !ec && drained < kLingerMaxBytes;) {
    c.stream.expires_at(deadline);
    std::size_t bytes = 0;
    std::tie(ec, bytes) = co_await c.stream.async_read_some(asio::buffer(scratch), kUseTuple);
    drained += bytes;
  }
  c.stream.close();
}

}  // namespace

asio::awaitable<void> run_session(std::shared_ptr<ServerState> server,
                                  std::shared_ptr<Connection> conn) {
  SessionEnd end{*server, conn->id};
  beast::flat_buffer buffer;
  After after = After::close;
  for (bool first = true; !server->stopping && !conn->force_closed; first = false) {
    after = co_await serve_one(*server, conn, buffer, first);
    if (after != After::keep_alive) break;
  }
  if (after == After::linger_close && !conn->force_closed) {
    co_await linger_close(*conn);
    co_return;
  }
  error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.close();
}

}  // namespace wgbot::http::detail
