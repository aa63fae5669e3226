// The outbound HTTP client over plain http against real servers on 127.0.0.1: the project's own
// server and the scriptable fake. TLS: http_client_tls_test.cpp.
#include "bot/http/http_client.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/http/http_client_awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/router.hpp"
#include "fakes/fake_http_server.hpp"
#include "fakes/http_client_fixture.hpp"

namespace wgbot::http {
namespace {

using namespace std::chrono_literals;
using test::FakeExchange;
using test::FakeHttpServer;
using test::FakeReply;

constexpr auto kWait = test::kAnswerWait;
using test::header_of;
using HttpClientTest = test::HttpClientFixture;

FakeHttpServer::Handler answer(std::string body) {
  return test::answer_with(std::move(body));
}

ClientRequest get(std::string url) {
  return test::get_request(std::move(url));
}

TEST_F(HttpClientTest, GetAndPostRoundTripWithTheProjectServer) {
  auto router = std::make_shared<Router>();
  router->add("GET", "/hello", [](Request request, Responder responder) {
    Response response = text_response(200, "hi " + std::string(request.header("X-Name")));
    response.headers.emplace_back("X-Reply", "yes");
    responder.send(std::move(response));
  });
  router->add("POST", "/echo", [](Request request, Responder responder) {
    Response response = text_response(201, request.body);
    response.content_type = std::string(request.header("Content-Type"));
    responder.send(std::move(response));
  });
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  HttpServer server(ioc_, options, std::shared_ptr<const Router>(router));
  server.start();
  HttpClient client(ioc_);
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());

  ClientRequest hello = get(base + "/hello?x=1");
  hello.headers.emplace_back("X-Name", "Quý");
  const auto got = send(client, hello);
  EXPECT_EQ(got.error, "");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "hi Quý");
  EXPECT_EQ(header_of(got, "x-reply"), "yes");

  ClientRequest echo;
  echo.url = base + "/echo";
  echo.body = R"({"chat_id":1,"text":"Đã nhận"})";
  const auto posted = send(client, echo);
  EXPECT_EQ(posted.error, "");
  EXPECT_EQ(posted.status, 201);
  EXPECT_EQ(posted.body, echo.body);
  EXPECT_EQ(header_of(posted, "Content-Type"), "application/json");

  std::promise<void> stopped;
  server.shutdown(1s, [&] { stopped.set_value(); });
  EXPECT_EQ(stopped.get_future().wait_for(kWait), std::future_status::ready);
}

TEST_F(HttpClientTest, SendsMethodTargetHeadersAndBody) {
  std::mutex mu;
  Request seen;
  FakeHttpServer server([&](const FakeExchange& exchange) {
    std::lock_guard lock(mu);
    seen = exchange.request;
    return FakeReply::respond(200, "ok");
  });
  HttpClient client(ioc_);
  ClientRequest request;
  request.method = "PUT";
  request.url = server.base_url() + "/bot123:abc/put?a=1&b=2#fragment";
  request.content_type = "text/plain";
  request.body = "payload";
  request.headers = {{"X-One", "1"}, {"X-Many", "a"}, {"X-Many", "b"}};
  ASSERT_EQ(send(client, request).status, 200);

  std::lock_guard lock(mu);
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.target, "/bot123:abc/put?a=1&b=2");
  EXPECT_EQ(seen.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(seen.header("Content-Type"), "text/plain");
  EXPECT_EQ(seen.header("Content-Length"), "7");
  EXPECT_EQ(seen.header("X-One"), "1");
  EXPECT_EQ(seen.body, "payload");
  int many = 0;
  for (const auto& [name, value] : seen.headers) many += name == "X-Many" ? 1 : 0;
  EXPECT_EQ(many, 2);
}

TEST_F(HttpClientTest, KeepAliveReusesOneConnectionForSequentialRequests) {
  FakeHttpServer server(answer("ok"));
  HttpClient client(ioc_);
  for (int i = 0; i < 3; ++i) {
    const auto response = send(client, get(server.base_url() + "/n"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "ok");
  }
  EXPECT_EQ(server.connections_accepted(), 1U);
  EXPECT_EQ(server.requests(), 3U);
}

TEST_F(HttpClientTest, ServerThatClosesEveryConnectionStillGetsEveryRequest) {
  test::FakeServerOptions closing;
  closing.keep_alive = false;
  FakeHttpServer server(answer("ok"), closing);
  HttpClient client(ioc_);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).status, 200);
  EXPECT_EQ(send(client, get(server.base_url() + "/2")).status, 200);
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTest, IdleConnectionClosedByTheServerBetweenRequestsIsReplaced) {
  FakeHttpServer server(answer("ok"));
  HttpClient client(ioc_);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).status, 200);
  server.close_connections();
  const auto second = send(client, get(server.base_url() + "/2"));
  EXPECT_EQ(second.error, "");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTest, StaleConnectionFailingBeforeAnyAnswerIsRetriedOnAFreshOne) {
  // The server takes the second request on the first connection and closes it unanswered,
  // as happens when it times out an idle connection just as the request arrives.
  FakeHttpServer server([](const FakeExchange& exchange) {
    if (exchange.connection == 1 && exchange.nth_on_connection == 2) {
      return FakeReply::close_connection();
    }
    return FakeReply::respond(200, "conn " + std::to_string(exchange.connection));
  });
  HttpClient client(ioc_);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).body, "conn 1");
  const auto second = send(client, get(server.base_url() + "/2"));
  EXPECT_EQ(second.error, "");
  EXPECT_EQ(second.body, "conn 2");
  EXPECT_EQ(server.connections_accepted(), 2U);
  EXPECT_EQ(server.requests(), 3U);
}

TEST_F(HttpClientTest, StaleRetryHappensOnlyOnce) {
  FakeHttpServer server([](const FakeExchange& exchange) {
    if (exchange.connection == 1 && exchange.nth_on_connection == 1) {
      return FakeReply::respond(200, "first");
    }
    return FakeReply::close_connection();
  });
  HttpClient client(ioc_);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).status, 200);
  const auto second = send(client, get(server.base_url() + "/2"));
  EXPECT_EQ(second.status, 0);
  EXPECT_NE(second.error, "");
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTest, FreshConnectionClosedWithoutAnswerIsAnErrorNotARetry) {
  FakeHttpServer server([](const FakeExchange&) { return FakeReply::close_connection(); });
  HttpClient client(ioc_);
  const auto response = send(client, get(server.base_url() + "/x"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error, "");
  EXPECT_EQ(server.connections_accepted(), 1U);
}

TEST_F(HttpClientTest, ServerThatNeverAnswersTimesOut) {
  FakeHttpServer server([](const FakeExchange&) { return FakeReply::never_answer(); });
  HttpClient client(ioc_);
  ClientRequest request = get(server.base_url() + "/slow");
  request.timeout = 200ms;
  const auto started = std::chrono::steady_clock::now();
  const auto response = send(client, request);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error, "read: timed out");
  EXPECT_GE(elapsed, 200ms);
  EXPECT_LT(elapsed, 5s);
}

TEST_F(HttpClientTest, ConnectionRefusedIsAnErrorWithStatusZero) {
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(
        ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0});  // bound, never listening
    port = probe.local_endpoint().port();
  }
  HttpClient client(ioc_);
  const auto response = send(client, get("http://127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("connect"), std::string::npos) << response.error;
}

TEST_F(HttpClientTest, InvalidUrlIsAnErrorAnsweredOnce) {
  HttpClient client(ioc_);
  for (const char* url : {"", "ftp://example.org/", "http://", "http://user@host/",
                          "http://host:99999/", "http://host/a b"}) {
    const auto response = send(client, get(url));
    EXPECT_EQ(response.status, 0) << url;
    EXPECT_EQ(response.error, "invalid url") << url;
  }
}

TEST_F(HttpClientTest, HeaderInjectionIsRefused) {
  FakeHttpServer server(answer("ok"));
  HttpClient client(ioc_);
  ClientRequest request = get(server.base_url() + "/");
  request.headers.emplace_back("X-Evil", "a\r\nX-Injected: 1");
  EXPECT_EQ(send(client, request).error, "invalid header");
  EXPECT_EQ(server.requests(), 0U);
}

TEST_F(HttpClientTest, BodyOverTheLimitIsAnError) {
  FakeHttpServer server(answer(std::string(4096, 'x')));
  ClientOptions options;
  options.max_body_bytes = 1024;
  HttpClient client(ioc_, options);
  const auto response = send(client, get(server.base_url() + "/big"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("read"), std::string::npos) << response.error;
}

TEST_F(HttpClientTest, CloseIdleDropsPooledConnections) {
  FakeHttpServer server(answer("ok"));
  HttpClient client(ioc_);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).status, 200);
  client.close_idle();
  EXPECT_EQ(send(client, get(server.base_url() + "/2")).status, 200);
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTest, NoIdleConnectionsKeptWhenTheLimitIsZero) {
  FakeHttpServer server(answer("ok"));
  ClientOptions options;
  options.max_idle_per_host = 0;
  HttpClient client(ioc_, options);
  EXPECT_EQ(send(client, get(server.base_url() + "/1")).status, 200);
  EXPECT_EQ(send(client, get(server.base_url() + "/2")).status, 200);
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTest, RequestsFromManyThreadsAllComplete) {
  FakeHttpServer server(answer("ok"));
  ClientOptions options;
  options.max_idle_per_host = 2;
  HttpClient client(ioc_, options);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        if (send(client, get(server.base_url() + "/p")).status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), kThreads * kPerThread);
  EXPECT_LE(server.connections_accepted(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(HttpClientTest, DestroyingTheClientFailsRequestsInFlight) {
  std::promise<void> arrived;
  FakeHttpServer server([&](const FakeExchange&) {
    arrived.set_value();
    return FakeReply::never_answer();
  });
  auto answered = std::make_shared<std::promise<ClientResponse>>();
  auto future = answered->get_future();
  {
    HttpClient client(ioc_);
    client.request(get(server.base_url() + "/hang"), [answered](ClientResponse response) {
      answered->set_value(std::move(response));
    });
    // Destroy only once the server holds the request, so the test covers a request in flight.
    ASSERT_EQ(arrived.get_future().wait_for(kWait), std::future_status::ready);
  }
  ASSERT_EQ(future.wait_for(kWait), std::future_status::ready);
  const auto response = future.get();
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error, "client closed");
}

TEST_F(HttpClientTest, RequestsAfterTheClientClosedAreRefusedNotLost) {
  FakeHttpServer server(answer("ok"));
  auto answered = std::make_shared<std::promise<ClientResponse>>();
  auto future = answered->get_future();
  {
    HttpClient client(ioc_);
    ASSERT_EQ(send(client, get(server.base_url() + "/warm")).status, 200);
    client.request(get(server.base_url() + "/x"), [answered](ClientResponse response) {
      answered->set_value(std::move(response));
    });
  }
  ASSERT_EQ(future.wait_for(kWait), std::future_status::ready);
  const auto response = future.get();  // either answered or refused, never both nor neither
  EXPECT_TRUE(response.status == 200 || response.error == "client closed") << response.error;
}

TEST_F(HttpClientTest, AwaitableFromACoroutine) {
  FakeHttpServer server(
      [](const FakeExchange& exchange) { return FakeReply::respond(200, exchange.request.path); });
  HttpClient client(ioc_);
  const std::string base = server.base_url();
  auto flow = [&]() -> boost::asio::awaitable<std::string> {
    auto first = co_await async_request(client, get(base + "/one"), boost::asio::use_awaitable);
    auto second = co_await async_request(client, get(base + "/two"), boost::asio::use_awaitable);
    co_return first.body + "," + second.body;
  };
  auto result = boost::asio::co_spawn(ioc_, flow(), boost::asio::use_future);
  ASSERT_EQ(result.wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(result.get(), "/one,/two");
  EXPECT_EQ(server.connections_accepted(), 1U);
}

TEST_F(HttpClientTest, LogsNeverShowThePathOrQuery) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  {
    FakeHttpServer server([](const FakeExchange& exchange) {
      if (exchange.nth_on_connection == 2) return FakeReply::close_connection();
      return FakeReply::never_answer();
    });
    HttpClient client(ioc_);
    ClientRequest request = get(server.base_url() + "/botSECRET123/getMe?token=SECRET456");
    request.timeout = 100ms;
    EXPECT_EQ(send(client, request).status, 0);
    EXPECT_EQ(send(client, get("http://127.0.0.1:1/botSECRET789")).status, 0);
    EXPECT_EQ(send(client, get("nonsense://SECRET000")).status, 0);
  }
  spdlog::set_default_logger(previous);
  const std::string logs = captured.str();
  EXPECT_NE(logs.find("http://127.0.0.1:"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("SECRET"), std::string::npos) << logs;
}

}  // namespace
}  // namespace wgbot::http
