// A minimal, fast stand-in for the Telegram Bot API for the webhook load benchmark: answers
// every method at once with {"ok":true,…} over HTTP/1.1 keep-alive, one thread, and counts
// calls per method. GET /__stats returns the counters as JSON. Listens on 127.0.0.1 only.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

struct Counters {
  std::map<std::string, std::uint64_t> by_method;
  std::uint64_t message_id = 0;
  std::uint64_t connections = 0;   // accepted; few means the client keeps connections alive
  std::uint64_t refuse_every = 0;  // FAKE_429_EVERY: every Nth sendMessage gets a 429 (0: none)
  std::uint64_t sends_seen = 0;
  std::chrono::milliseconds latency{0};  // FAKE_LATENCY_MS: every API call answers this late
};

std::string method_of(std::string_view target) {
  // /bot<token>/<method>[?query]
  const auto slash = target.rfind('/');
  std::string_view m = slash == std::string_view::npos ? target : target.substr(slash + 1);
  if (const auto q = m.find('?'); q != std::string_view::npos) m = m.substr(0, q);
  return std::string(m);
}

std::string chat_id_of(const std::string& body) {
  // Enough for the reply: the number after "chat_id": (no full JSON parse on the hot path).
  const auto at = body.find("\"chat_id\":");
  if (at == std::string::npos) return "0";
  std::size_t i = at + 10;
  while (i < body.size() && (body[i] == ' ' || body[i] == '"')) ++i;
  std::size_t j = i;
  while (j < body.size() && (std::isdigit(static_cast<unsigned char>(body[j])) || body[j] == '-'))
    ++j;
  return j > i ? body.substr(i, j - i) : "0";
}

// What Telegram answers when a chat is sent too much: HTTP 429, retry after a second.
constexpr std::string_view kFloodControl =
    R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1",)"
    R"("parameters":{"retry_after":1}})";

std::string answer_for(Counters& c, const std::string& method, const std::string& body) {
  ++c.by_method[method];
  if (method == "getMe") {
    return R"({"ok":true,"result":{"id":7812345601,"is_bot":true,"first_name":"Tro ly",)"
           R"("username":"ToCongTacHN_bot","can_join_groups":true,)"
           R"("can_read_all_group_messages":false,"supports_inline_queries":false}})";
  }
  if (method == "getWebhookInfo") {
    return R"({"ok":true,"result":{"url":"https://bench.invalid/webhook/telegram",)"
           R"("has_custom_certificate":false,"pending_update_count":0,"max_connections":40}})";
  }
  if (method == "sendMessage" && c.refuse_every > 0 && ++c.sends_seen % c.refuse_every == 0) {
    --c.by_method[method];  // counted apart, so sendMessage stays the number delivered
    ++c.by_method["sendMessage_429"];
    return std::string(kFloodControl);
  }
  if (method == "sendMessage" || method == "editMessageText") {
    return R"({"ok":true,"result":{"message_id":)" + std::to_string(++c.message_id) +
           R"(,"date":1795569300,"chat":{"id":)" + chat_id_of(body) +
           R"(,"type":"private"},"text":""}})";
  }
  return R"({"ok":true,"result":true})";
}

std::string stats_json(const Counters& c) {
  std::string out = "{\"__connections\":" + std::to_string(c.connections);
  for (const auto& [method, n] : c.by_method) {
    out += ',';
    out += '"' + method + "\":" + std::to_string(n);
  }
  return out + "}\n";
}

asio::awaitable<void> session(tcp::socket socket, Counters& c) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    auto [ec, n] =
        co_await http::async_read(socket, buffer, req, asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    if (req.method() == http::verb::get && req.target() == "/__stats") {
      res.body() = stats_json(c);
    } else {
      res.body() = answer_for(c, method_of(req.target()), req.body());
      if (c.latency.count() > 0) {  // a distant API: the connection waits, others go on
        asio::steady_timer wait(socket.get_executor(), c.latency);
        co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      if (res.body().find("\"error_code\":429") != std::string::npos) {
        res.result(http::status::too_many_requests);
      }
    }
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    auto [wec, wn] = co_await http::async_write(socket, res, asio::as_tuple(asio::use_awaitable));
    if (wec || !res.keep_alive()) co_return;
  }
}

asio::awaitable<void> listen(tcp::acceptor& acceptor, Counters& c) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) continue;
    socket.set_option(tcp::no_delay(true));
    ++c.connections;
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket), c), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 18081;
  asio::io_context ioc{1};
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  Counters counters;
  if (const char* every = std::getenv("FAKE_429_EVERY"))
    counters.refuse_every = std::strtoull(every, nullptr, 10);
  if (const char* ms = std::getenv("FAKE_LATENCY_MS"))
    counters.latency = std::chrono::milliseconds{std::strtoll(ms, nullptr, 10)};
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, auto) {
    std::cout << stats_json(counters) << std::flush;
    ioc.stop();
  });
  asio::co_spawn(ioc, listen(acceptor, counters), asio::detached);
  std::cerr << "fake_bot_api listening on 127.0.0.1:" << acceptor.local_endpoint().port() << "\n";
  ioc.run();
  return 0;
}
