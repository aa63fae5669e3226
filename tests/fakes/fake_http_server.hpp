// A scriptable HTTP/1.1 server on 127.0.0.1 for tests of outbound clients: plain or TLS (with a
// certificate from test_tls.hpp), keep-alive, and per-request behaviour chosen by the test —
// answer, close without answering, or never answer. It counts connections and requests.
// Runs on its own thread; the handler is called there, one request at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bot/http/http_types.hpp"

namespace wgbot::test {

struct FakeExchange {
  const http::Request& request;
  std::size_t connection;         // 1 for the first connection accepted, and so on
  std::size_t nth_on_connection;  // 1 for the first request on its connection
};

struct FakeReply {
  enum class Action { respond, close, hang };

  static FakeReply respond(http::Response response) {
    return FakeReply{Action::respond, std::move(response)};
  }
  static FakeReply respond(int status, std::string body) {
    return respond(http::text_response(status, std::move(body)));
  }
  // Closes the connection without answering (as a server closing an idle connection would).
  static FakeReply close_connection() { return FakeReply{Action::close, {}}; }
  // Keeps the connection open and silent until the client gives up.
  static FakeReply never_answer() { return FakeReply{Action::hang, {}}; }

  Action action = Action::respond;
  http::Response response;
};

struct FakeServerOptions {
  // Both set: serve https; both empty: plain http.
  std::string tls_certificate_pem;
  std::string tls_private_key_pem;
  // False: every answer says "Connection: close" and the server closes after it.
  bool keep_alive = true;
};

class FakeHttpServer {
 public:
  using Handler = std::function<FakeReply(const FakeExchange&)>;

  // Listens on 127.0.0.1 on a free port at once.
  explicit FakeHttpServer(Handler handler, FakeServerOptions options = {});
  // Closes everything and joins its thread.
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  [[nodiscard]] unsigned short port() const;
  // "http://HOST:PORT" or "https://HOST:PORT" (HOST must resolve to 127.0.0.1).
  [[nodiscard]] std::string base_url(std::string_view host = "127.0.0.1") const;

  [[nodiscard]] std::size_t connections_accepted() const;
  [[nodiscard]] std::size_t requests() const;  // read in full, whatever the reply
  [[nodiscard]] std::size_t tls_handshake_failures() const;

  // Closes every open connection; returns once they are closed on the server's side.
  void close_connections();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wgbot::test
