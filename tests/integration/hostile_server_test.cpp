// Hostile connections and framing against the running bot's listener: unknown paths, idle and
// slow-drip clients, transfer codings that cannot be framed, HEAD on the health check, the
// rejection counters, and the log of connections refused over the limit.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/http_server.hpp"
#include "bot/http/router.hpp"
#include "fakes/captured_log.hpp"
#include "fakes/hostile_bot.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

class HostileServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { bot_ = new HostileBot(); }
  static void TearDownTestSuite() {
    delete bot_;
    bot_ = nullptr;
  }
  static HostileBot& bot() { return *bot_; }

  // A valid Telegram update with its secret, as raw request bytes up to the end of the headers.
  static std::string update_head(const std::string& extra_headers) {
    return "POST /webhook/telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "X-Telegram-Bot-Api-Secret-Token: " +
           std::string(kHostileTelegramSecret) + "\r\n" + extra_headers + "\r\n";
  }

  static long long telegram_rejected(const std::string& reason) {
    const auto page = test::http_request(bot().port(), "GET", "/metrics").body;
    const std::string key =
        "wgbot_updates_rejected_total{platform=\"telegram\",reason=\"" + reason + "\"} ";
    const auto pos = page.find(key);
    return pos == std::string::npos ? -1 : std::stoll(page.substr(pos + key.size()));
  }

  static HostileBot* bot_;
};

HostileBot* HostileServer::bot_ = nullptr;

TEST_F(HostileServer, UnknownPlatformsPathsAre404AndStoreNothing) {
  const std::string before = bot().state_counts();
  const std::string body = telegram_target().text("5200001", "/help", bot().next_id());
  const auto auth = telegram_target().auth(body);
  for (const char* path : {"/webhook/whatsapp", "/webhook/", "/webhook", "/webhook/Telegram",
                           "/webhook/telegram/", "/webhook/telegram/../zalo", "/webhook%2Ftelegram",
                           "/webhook/zalo-oa/x", "//webhook/zalo", "/webhook/telegram%00"}) {
    EXPECT_EQ(test::http_request(bot().port(), "POST", path, body, auth).status, 404) << path;
  }
  EXPECT_EQ(test::http_request(bot().port(), "GET", "/webhook/telegram").status, 405);
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_TRUE(bot().healthy());
}

TEST_F(HostileServer, HundredIdleConnectionsDoNotStopOthersAndCloseOnTime) {
  std::vector<std::unique_ptr<test::HttpTestConnection>> idle;
  for (int i = 0; i < 100; ++i) {
    idle.push_back(std::make_unique<test::HttpTestConnection>(bot().port()));
    ASSERT_TRUE(idle.back()->connected()) << i;
  }
  const auto opened = Clock::now();
  EXPECT_TRUE(bot().healthy());
  const std::string body = telegram_target().text("5200002", "/help", bot().next_id());
  EXPECT_EQ(bot().post(telegram_target(), body).status, 200);
  for (auto& conn : idle) EXPECT_TRUE(conn->wait_closed(3s));
  // The header timeout, not the test's patience, closed them.
  EXPECT_LT(Clock::now() - opened, HostileBot::kTimeout + 1500ms);
  EXPECT_TRUE(bot().healthy());
}

TEST_F(HostileServer, ASlowDripClientIsClosedAtTheDeadlineWhileOthersAreServed) {
  const std::string body = telegram_target().text("5200003", "/help", bot().next_id());
  const std::string head = update_head("Content-Length: " + std::to_string(body.size()) + "\r\n");
  // One byte every 100 ms through the header, then through the body.
  for (const bool in_body : {false, true}) {
    test::HttpTestConnection drip(bot().port());
    ASSERT_TRUE(drip.connected());
    const std::string bytes = in_body ? head + body : head;
    std::size_t sent = in_body ? head.size() : 0;
    if (in_body) {
      ASSERT_EQ(drip.write_raw(head), "");
    }
    const auto started = Clock::now();
    bool closed = false;
    while (Clock::now() - started < 4s && sent < bytes.size()) {
      if (!drip.write_raw(bytes.substr(sent++, 1)).empty()) {
        closed = true;
        break;
      }
      EXPECT_TRUE(sent % 5 != 0 || bot().healthy());
      if (drip.wait_closed(100ms)) {
        closed = true;
        break;
      }
    }
    EXPECT_TRUE(closed) << (in_body ? "body" : "header");
    EXPECT_LT(Clock::now() - started, HostileBot::kTimeout + 1500ms);
  }
  EXPECT_TRUE(bot().healthy());
}

TEST_F(HostileServer, TransferCodingsThatCannotBeFramedAreRefusedAndClosed) {
  struct Case {
    const char* headers;
    int status;
  };
  const std::vector<Case> cases = {
      {"Transfer-Encoding: xchunked\r\n", 501},
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: identity\r\n", 501},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 501},
      {"Transfer-Encoding: chunked, identity\r\n", 501},
  };
  const auto counted = telegram_rejected("bad_http");
  const std::string before = bot().state_counts();
  for (const auto& c : cases) {
    // A Content-Length that frames a whole update: read by it, the update would be stored.
    const std::string body = telegram_target().text("5200004", "/help", bot().next_id());
    test::HttpTestConnection conn(bot().port());
    const auto res = conn.send_raw(update_head(std::string(c.headers) + "Content-Length: " +
                                               std::to_string(body.size()) + "\r\n") +
                                   body);
    // 501 where the coding is unknown; the parser itself may answer 400 first (both close).
    EXPECT_TRUE(res.status == c.status || res.status == 400) << c.headers << res.status;
    EXPECT_TRUE(conn.wait_closed(3s)) << c.headers;
  }
  // Chunked with a Content-Length beside it: ambiguous framing.
  const std::string body = telegram_target().text("5200004", "/help", bot().next_id());
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  test::HttpTestConnection conn(bot().port());
  const auto res =
      conn.send_raw(update_head("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") + size +
                    "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(conn.wait_closed(3s));
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_EQ(telegram_rejected("bad_http"), counted + static_cast<long long>(cases.size()) + 1);
  EXPECT_TRUE(bot().healthy());
  // Plain chunked is fine.
  const std::string ok = telegram_target().text("5200005", "/help", bot().next_id());
  std::snprintf(size, sizeof size, "%zx", ok.size());
  test::HttpTestConnection chunked(bot().port());
  EXPECT_EQ(chunked
                .send_raw(update_head("Transfer-Encoding: chunked\r\n") + size + "\r\n" + ok +
                          "\r\n0\r\n\r\n")
                .status,
            200);
}

TEST_F(HostileServer, HeadOnTheHealthCheckAnswersLikeGetWithoutABody) {
  const auto get = test::http_request(bot().port(), "GET", "/healthz");
  const auto head = test::http_request(bot().port(), "HEAD", "/healthz");
  EXPECT_EQ(head.status, 200) << head.error;
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  // Over keep-alive: the next request on the connection is read as a request, not as a body.
  test::HttpTestConnection conn(bot().port());
  EXPECT_EQ(conn.request("HEAD", "/healthz").status, 200);
  EXPECT_EQ(conn.request("GET", "/healthz").body, "ok\n");
  EXPECT_EQ(test::http_request(bot().port(), "HEAD", "/webhook/telegram").status, 405);
}

TEST_F(HostileServer, EveryRefusalIsCountedByReason) {
  const std::string body = telegram_target().text("5200006", "/help", bot().next_id());
  const auto unauthorized = telegram_rejected("unauthorized");
  const auto malformed = telegram_rejected("malformed");
  const auto too_large = telegram_rejected("too_large");
  EXPECT_EQ(bot().post(telegram_target(), body, {}).status, 401);
  EXPECT_EQ(bot().post(telegram_target(), "{oops").status, 400);
  EXPECT_EQ(bot().post(telegram_target(), std::string(HostileBot::kMaxBody + 1, ' ')).status, 413);
  EXPECT_EQ(telegram_rejected("unauthorized"), unauthorized + 1);
  EXPECT_EQ(telegram_rejected("malformed"), malformed + 1);
  EXPECT_EQ(telegram_rejected("too_large"), too_large + 1);
}

TEST_F(HostileServer, CallbackDataTheBotDidNotIssueIsAnsweredAndChangesNothing) {
  const std::string user = "5200011";
  const auto callback = [&](const nlohmann::json& data) {
    const auto id = bot().next_id();
    const nlohmann::json body = {
        {"update_id", id},
        {"callback_query",
         {{"id", "cb" + std::to_string(id)},
          {"from", {{"id", std::stoll(user)}, {"is_bot", false}, {"first_name", "X"}}},
          {"message",
           {{"message_id", 77}, {"chat", {{"id", std::stoll(user)}, {"type", "private"}}}}},
          {"data", data}}}};
    return bot().post(telegram_target(), body.dump()).status;
  };
  const auto tasks = bot().query_int("SELECT COUNT(*) FROM tasks");
  for (const nlohmann::json& data :
       {nlohmann::json("rm -rf /"), nlohmann::json("done"), nlohmann::json("done:"),
        nlohmann::json("done:-1"), nlohmann::json("done:1:2:3"), nlohmann::json("delete:1"),
        nlohmann::json("snooze:1:x"), nlohmann::json("done:1'; DROP TABLE tasks;--"),
        nlohmann::json(std::string(5000, ':')), nlohmann::json(42), nlohmann::json::array()}) {
    EXPECT_EQ(callback(data), 200) << data.dump();
  }
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks"), tasks);
  // Data of our shape for a task that is not the sender's: answered, nothing changes.
  EXPECT_EQ(callback("done:99999999999999999999"), 200);
  EXPECT_EQ(callback("done:424242"), 200);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks"), tasks);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks WHERE status != 'open'"), 0);
  EXPECT_TRUE(bot().healthy());
}

// Over max_connections each refusal closes the connection at once; the log says so once per
// interval with the number refused, not once per connection.
TEST(HostileConnections, RefusalsOverTheLimitAreLoggedAtARate) {
  CapturedLog log;
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/healthz", [](const http::Request&, http::Responder responder) {
    responder.send(http::text_response(200, "ok"));
  });
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.max_connections = 1;
  auto server = std::make_unique<http::HttpServer>(ioc, options, router);
  server->start();
  std::thread io([&] { ioc.run(); });
  {
    test::HttpTestConnection held(server->port());
    ASSERT_EQ(held.request("GET", "/healthz").status, 200);
    for (int i = 0; i < 30; ++i) {
      test::HttpTestConnection refused(server->port());
      EXPECT_TRUE(refused.wait_closed(3s));
    }
    EXPECT_EQ(server->stats().rejected_connections, 30U);
  }
  server.reset();
  work.reset();
  ioc.stop();
  io.join();
  EXPECT_EQ(occurrences(log.text(), "event=http_connection_rejected"), 1U) << log.text();
}

}  // namespace
}  // namespace wgbot::testing
