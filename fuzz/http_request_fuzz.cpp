// libFuzzer target: raw bytes on a connection to the real HTTP server, up to the router (a
// webhook route that answers with the body's size, and /healthz). The client sends the input,
// half-closes, and reads until the server closes: the server must answer with an HTTP/1.x
// status line or close, and never hang.
#include <sys/socket.h>
#include <sys/time.h>

#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "bot/http/http_server.hpp"
#include "bot/http/router.hpp"

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

struct Server {
  asio::io_context ioc;
  std::unique_ptr<wgbot::http::HttpServer> server;
  std::thread thread;
  unsigned short port = 0;

  Server() {
    spdlog::set_level(spdlog::level::off);  // a log line per bad request would slow the loop
    auto router = std::make_shared<wgbot::http::Router>();
    router->add(
        "POST", "/webhook/telegram",
        [](const wgbot::http::Request& request, wgbot::http::Responder responder) {
          responder.send(wgbot::http::text_response(200, std::to_string(request.body.size())));
        });
    router->add("GET", "/healthz",
                [](const wgbot::http::Request&, wgbot::http::Responder responder) {
                  responder.send(wgbot::http::text_response(200, "ok"));
                });
    wgbot::http::ServerOptions options;
    options.port = 0;
    options.max_body_bytes = std::size_t{64} * 1024;
    options.header_timeout = std::chrono::seconds(2);
    options.body_timeout = std::chrono::seconds(2);
    options.idle_timeout = std::chrono::seconds(2);
    server = std::make_unique<wgbot::http::HttpServer>(ioc, options, router);
    server->start();
    port = server->port();
    thread = std::thread([this] { ioc.run(); });
    thread.detach();  // lives as long as the fuzzing process
  }
};

}  // namespace

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto* server = new Server();  // never destroyed: the detached thread runs it
  asio::io_context client_ioc;
  tcp::socket socket(client_ioc);
  boost::system::error_code ec;
  // Hundreds of thousands of short connections can run out of local ports for a moment: that
  // is this client's limit, not the server's, so the input is skipped.
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port), ec);
  if (ec) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return 0;
  }
  const timeval timeout{10, 0};  // longer than every server timeout: a hang is a finding
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  asio::write(socket, asio::buffer(data, size), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  std::string answer;
  char buffer[4096];
  for (;;) {
    const auto n = ::recv(socket.native_handle(), buffer, sizeof buffer, 0);
    if (n > 0) {
      answer.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) __builtin_trap();  // no close
    break;
  }
  // The status line names the request's version (1.0 or 1.1).
  if (!answer.empty() && answer.rfind("HTTP/1.", 0) != 0) __builtin_trap();
  return 0;
}
