// The HTTP server over real loopback connections (port 0), and the router and Responder alone.
#include <array>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "bot/http/http_server.hpp"
#include "bot/http/http_types.hpp"
#include "bot/http/router.hpp"
#include "fakes/http_test_client.hpp"

namespace wgbot::http {
namespace {

using namespace std::chrono_literals;
using test::http_request;
using test::HttpTestConnection;

constexpr auto kWait = 5s;  // upper bound for things that should happen promptly

void answer_ok(Request, Responder responder) {
  responder.send(text_response(200, "ok"));
}

void echo_body(Request request, Responder responder) {
  responder.send(text_response(200, request.body));
}

// A handler that passes its Responder to the test, which answers (or not) when it likes.
class ParkedResponders {
 public:
  Handler handler() {
    return [this](Request, Responder responder) {
      std::lock_guard lock(mu_);
      parked_.push_back(std::move(responder));
      cv_.notify_all();
    };
  }
  // Waits for the next parked Responder; an empty one if none arrives in time.
  Responder take() {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, kWait, [&] { return !parked_.empty(); })) return Responder();
    Responder responder = std::move(parked_.front());
    parked_.erase(parked_.begin());
    return responder;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Responder> parked_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (auto& worker : workers_) worker.join();
    ioc_.stop();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    server_.reset();
  }

  void start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<HttpServer>(ioc_, options, router_);
    server_->start();
    running_ = static_cast<int>(threads_.size());
    for (auto& thread : threads_) {
      thread = std::thread([this] {
        ioc_.run();
        std::lock_guard lock(mu_);
        --running_;
        cv_.notify_all();
      });
    }
  }

  unsigned short port() const { return server_->port(); }

  // Returns a future that becomes ready when shutdown's `done` runs.
  std::future<void> shutdown(std::chrono::milliseconds grace) {
    auto done = std::make_shared<std::promise<void>>();
    auto future = done->get_future();
    server_->shutdown(grace, [done] { done->set_value(); });
    return future;
  }

  // True once every io thread has returned from run(): the server left no work behind.
  bool wait_io_idle() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return running_ == 0; });
  }

  // A thread that stands for e.g. the storage thread; joined before the server stops.
  template <typename Work>
  void spawn_worker(Work&& work) {
    std::lock_guard lock(mu_);
    workers_.emplace_back(std::forward<Work>(work));
  }

  boost::asio::io_context ioc_;
  std::shared_ptr<Router> router_ = std::make_shared<Router>();
  std::unique_ptr<HttpServer> server_;
  std::array<std::thread, 2> threads_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;
};

TEST_F(HttpServerTest, PortIsNonZeroAfterListeningOnPortZero) {
  start();
  EXPECT_NE(port(), 0);
}

TEST_F(HttpServerTest, StartFailsWhenThePortIsTaken) {
  start();
  ServerOptions options;
  options.port = port();
  HttpServer second(ioc_, options, router_);
  try {
    second.start();
    FAIL() << "start() should throw";
  } catch (const std::runtime_error& e) {
    const std::string expected = "cannot listen on 127.0.0.1:" + std::to_string(port()) + ": ";
    EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
  }
}

TEST_F(HttpServerTest, GetRouteAnswers200WithStandardHeaders) {
  router_->add("GET", "/healthz", answer_ok);
  start();
  const auto res = http_request(port(), "GET", "/healthz");
  ASSERT_EQ(res.error, "");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "ok");
  EXPECT_EQ(res.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(res.header("Content-Length"), "2");
  EXPECT_EQ(res.header("Server"), "wgbot");
}

TEST_F(HttpServerTest, HandlerSeesRequestFieldsAndSetsResponseHeaders) {
  auto seen = std::make_shared<std::promise<Request>>();
  router_->add("POST", "/webhook/telegram", [seen](Request request, Responder responder) {
    seen->set_value(request);
    Response response;
    response.status = 201;
    response.content_type = "application/json";
    response.body = R"({"ok":true})";
    response.headers = {{"X-Request-Id", "r-1"},
                        {"Content-Length", "999"},  // the server computes it
                        {"X-Bad", "a\r\nInjected: yes"}};
    responder.send(std::move(response));
  });
  start();
  const auto res = http_request(port(), "POST", "/webhook/telegram?a=1&b=2", "hello",
                                {{"X-Telegram-Bot-Api-Secret-Token", "s3cret"}});
  ASSERT_EQ(res.error, "");
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.body, R"({"ok":true})");
  EXPECT_EQ(res.header("Content-Type"), "application/json");
  EXPECT_EQ(res.header("Content-Length"), "11");
  EXPECT_EQ(res.header("X-Request-Id"), "r-1");
  EXPECT_EQ(res.header("X-Bad"), "");
  EXPECT_EQ(res.header("Injected"), "");

  const Request request = seen->get_future().get();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/webhook/telegram?a=1&b=2");
  EXPECT_EQ(request.path, "/webhook/telegram");
  EXPECT_EQ(request.query, "a=1&b=2");
  EXPECT_EQ(request.body, "hello");
  EXPECT_EQ(request.header("x-telegram-bot-api-secret-token"), "s3cret");
  EXPECT_EQ(request.header("X-Absent"), "");
  EXPECT_EQ(request.remote.rfind("127.0.0.1:", 0), 0u) << request.remote;
}

TEST_F(HttpServerTest, EveryAnswerCarriesTheRequestIdTheHandlerSaw) {
  auto seen = std::make_shared<std::vector<std::string>>();
  auto mutex = std::make_shared<std::mutex>();
  router_->add("GET", "/healthz", [seen, mutex](Request request, Responder responder) {
    {
      std::lock_guard lock(*mutex);
      seen->push_back(request.id);
    }
    responder.send(text_response(200, "ok"));
  });
  start();
  const auto first = http_request(port(), "GET", "/healthz");
  const auto second = http_request(port(), "GET", "/healthz");
  const auto unknown = http_request(port(), "GET", "/nope");
  ASSERT_EQ(seen->size(), 2U);
  EXPECT_FALSE(first.header("X-Request-Id").empty());
  EXPECT_EQ(first.header("X-Request-Id"), seen->at(0));
  EXPECT_EQ(second.header("X-Request-Id"), seen->at(1));
  EXPECT_NE(seen->at(0), seen->at(1));
  EXPECT_FALSE(unknown.header("X-Request-Id").empty());
}

TEST_F(HttpServerTest, UnknownPathAnswers404) {
  router_->add("GET", "/healthz", answer_ok);
  start();
  const auto res = http_request(port(), "GET", "/nope");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, "not found");
}

TEST_F(HttpServerTest, WrongMethodAnswers405WithAllow) {
  router_->add("GET", "/items", answer_ok);
  router_->add("POST", "/items", answer_ok);
  start();
  const auto res = http_request(port(), "DELETE", "/items");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "GET, POST, HEAD");
}

TEST_F(HttpServerTest, BodyOverTheLimitAnswers413) {
  router_->add("POST", "/echo", echo_body);
  ServerOptions options;
  options.max_body_bytes = 1024;
  start(options);
  const auto at_limit = http_request(port(), "POST", "/echo", std::string(1024, 'a'));
  EXPECT_EQ(at_limit.status, 200);
  EXPECT_EQ(at_limit.body.size(), 1024u);

  HttpTestConnection conn(port());
  const auto over = conn.request("POST", "/echo", std::string(1025, 'a'));
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(over.header("Connection"), "close");
  EXPECT_TRUE(conn.wait_closed(kWait));
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitAnswers413) {
  router_->add("POST", "/echo", echo_body);
  ServerOptions options;
  options.max_body_bytes = 1024;
  start(options);
  const std::string chunk = "320\r\n" + std::string(800, 'a') + "\r\n";  // 0x320 = 800 bytes
  HttpTestConnection conn(port());
  const auto res =
      conn.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk +
                    chunk + "0\r\n\r\n");
  EXPECT_EQ(res.status, 413);
  EXPECT_TRUE(conn.wait_closed(kWait));
}

TEST_F(HttpServerTest, MalformedRequestAnswers400AndCloses) {
  start();
  HttpTestConnection conn(port());
  const auto res = conn.send_raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(conn.wait_closed(kWait));
}

TEST_F(HttpServerTest, OversizedHeaderAnswers431) {
  router_->add("GET", "/healthz", answer_ok);
  start();
  const auto res =
      http_request(port(), "GET", "/healthz", {}, {{"X-Padding", std::string(20000, 'p')}});
  EXPECT_EQ(res.status, 431);
}

TEST_F(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  auto remotes = std::make_shared<std::vector<std::string>>();
  router_->add("GET", "/whoami", [remotes](Request request, Responder responder) {
    remotes->push_back(request.remote);  // one connection: its requests run one after another
    responder.send(text_response(200, "ok"));
  });
  start();
  HttpTestConnection conn(port());
  const auto first = conn.request("GET", "/whoami");
  const auto second = conn.request("GET", "/whoami");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_NE(first.header("Connection"), "close");
  ASSERT_EQ(remotes->size(), 2u);
  EXPECT_EQ((*remotes)[0], (*remotes)[1]);
  EXPECT_EQ(server_->stats().requests, 2u);
  EXPECT_EQ(server_->active_connections(), 1u);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  router_->add("POST", "/echo", echo_body);
  start();
  HttpTestConnection conn(port());
  const std::string one = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none";
  const std::string two = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwo";
  ASSERT_EQ(conn.write_raw(one + two), "");
  EXPECT_EQ(conn.read_response().body, "one");
  EXPECT_EQ(conn.read_response().body, "two");
}

TEST_F(HttpServerTest, ExpectContinueGetsAnInterimResponse) {
  router_->add("POST", "/echo", echo_body);
  start();
  HttpTestConnection conn(port());
  const auto interim = conn.send_raw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(interim.status, 100);
  const auto final_response = conn.send_raw("hello");
  EXPECT_EQ(final_response.status, 200);
  EXPECT_EQ(final_response.body, "hello");
}

TEST_F(HttpServerTest, ResponderAnsweredFromAnotherThreadAfterADelay) {
  router_->add("POST", "/job", [this](Request request, Responder responder) {
    spawn_worker([body = std::move(request.body), r = std::move(responder)]() mutable {
      std::this_thread::sleep_for(50ms);  // the slow job being simulated, not a synchronisation
      r.send(text_response(200, "done " + body));
    });
  });
  start();
  HttpTestConnection conn(port());
  const auto first = conn.request("POST", "/job", "a");
  const auto second = conn.request("POST", "/job", "b");  // still usable afterwards
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "done a");
  EXPECT_EQ(second.body, "done b");
}

TEST_F(HttpServerTest, DroppedResponderAnswers500) {
  router_->add("GET", "/drop", [](Request, Responder) {});
  router_->add("GET", "/throw", [](Request, Responder) { throw std::runtime_error("boom"); });
  router_->add("GET", "/drop-elsewhere", [this](Request, Responder responder) {
    spawn_worker([r = std::move(responder)] {});
  });
  start();
  for (const char* path : {"/drop", "/throw", "/drop-elsewhere"}) {
    const auto res = http_request(port(), "GET", path);
    EXPECT_EQ(res.status, 500) << path;
    EXPECT_EQ(res.body, "internal error") << path;
  }
}

TEST_F(HttpServerTest, IdleConnectionIsClosedAfterIdleTimeout) {
  router_->add("GET", "/healthz", answer_ok);
  ServerOptions options;
  options.idle_timeout = 200ms;
  start(options);
  HttpTestConnection conn(port());
  ASSERT_EQ(conn.request("GET", "/healthz").status, 200);
  const auto idle_since = std::chrono::steady_clock::now();
  EXPECT_TRUE(conn.wait_closed(kWait));
  EXPECT_GE(std::chrono::steady_clock::now() - idle_since, 100ms);
}

TEST_F(HttpServerTest, SlowHeadersAreCutOffByHeaderTimeout) {
  ServerOptions options;
  options.header_timeout = 200ms;
  start(options);
  HttpTestConnection silent(port());
  HttpTestConnection partial(port());
  ASSERT_EQ(partial.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n"), "");
  EXPECT_TRUE(silent.wait_closed(kWait));
  EXPECT_TRUE(partial.wait_closed(kWait));
}

TEST_F(HttpServerTest, ConnectionsBeyondTheLimitAreClosed) {
  router_->add("GET", "/healthz", answer_ok);
  ServerOptions options;
  options.max_connections = 2;
  start(options);
  HttpTestConnection a(port());
  HttpTestConnection b(port());
  // An answer on each proves both were admitted before the third arrives.
  ASSERT_EQ(a.request("GET", "/healthz").status, 200);
  ASSERT_EQ(b.request("GET", "/healthz").status, 200);
  HttpTestConnection c(port());
  EXPECT_TRUE(c.wait_closed(kWait));
  EXPECT_EQ(server_->stats().rejected_connections, 1u);
  EXPECT_EQ(server_->active_connections(), 2u);
  EXPECT_EQ(a.request("GET", "/healthz").status, 200);
}

TEST_F(HttpServerTest, GracefulShutdownFinishesARequestInFlight) {
  ParkedResponders parked;
  router_->add("POST", "/job", parked.handler());
  start();
  auto client = std::async(std::launch::async, [p = port()] {
    HttpTestConnection conn(p);
    return conn.request("POST", "/job", "work");  // keep-alive: the server must end it
  });
  Responder responder = parked.take();
  ASSERT_TRUE(responder.pending());

  auto done = shutdown(5s);
  EXPECT_NE(done.wait_for(0s), std::future_status::ready);  // must wait for the request
  std::thread storage(
      [r = std::move(responder)]() mutable { r.send(text_response(200, "finished")); });
  storage.join();

  const auto res = client.get();
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "finished");
  EXPECT_EQ(res.header("Connection"), "close");
  ASSERT_EQ(done.wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(server_->active_connections(), 0u);
  EXPECT_TRUE(wait_io_idle()) << "work left behind on the io_context";
  EXPECT_FALSE(HttpTestConnection(port()).connected()) << "still accepting";
}

TEST_F(HttpServerTest, ShutdownClosesIdleKeepAliveConnectionsAtOnce) {
  router_->add("GET", "/healthz", answer_ok);
  start();
  HttpTestConnection conn(port());
  ASSERT_EQ(conn.request("GET", "/healthz").status, 200);
  auto done = shutdown(60s);  // far longer than kWait: only closing idle connections ends it
  EXPECT_EQ(done.wait_for(kWait), std::future_status::ready);
  EXPECT_TRUE(conn.wait_closed(kWait));
  EXPECT_TRUE(wait_io_idle());
}

TEST_F(HttpServerTest, ShutdownGraceExpiryClosesStuckRequests) {
  ParkedResponders parked;
  router_->add("POST", "/stuck", parked.handler());
  start();
  auto client = std::async(std::launch::async,
                           [p = port()] { return http_request(p, "POST", "/stuck", "x"); });
  Responder responder = parked.take();
  ASSERT_TRUE(responder.pending());

  auto done = shutdown(200ms);
  EXPECT_EQ(done.wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(client.get().status, 0) << "closed without an answer";
  // The connection is gone: answering now is a harmless no-op.
  responder.send(text_response(200, "too late"));
  EXPECT_FALSE(responder.pending());
  EXPECT_TRUE(wait_io_idle());
}

TEST_F(HttpServerTest, ShutdownBeforeStartCallsDone) {
  server_ = std::make_unique<HttpServer>(ioc_, ServerOptions{}, router_);
  auto done = shutdown(1s);
  ioc_.run();
  EXPECT_EQ(done.wait_for(0s), std::future_status::ready);
}

// The router and the Responder need no server.

struct Recorded {
  int calls = 0;
  Response last;
};

Responder recording(const std::shared_ptr<Recorded>& recorded) {
  return Responder([recorded](Response response) {
    ++recorded->calls;
    recorded->last = std::move(response);
  });
}

Request request_for(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.target = request.path;
  return request;
}

TEST(RouterTest, DuplicateRegistrationThrows) {
  Router router;
  router.add("GET", "/healthz", answer_ok);
  EXPECT_THROW(router.add("GET", "/healthz", answer_ok), std::invalid_argument);
  EXPECT_NO_THROW(router.add("POST", "/healthz", answer_ok));
  EXPECT_THROW(router.add("GET", "no-slash", answer_ok), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/empty", Handler()), std::invalid_argument);
}

TEST(RouterTest, DispatchesByExactPathThenMethod) {
  Router router;
  router.add("GET", "/a", [](Request, Responder r) { r.send(text_response(200, "a")); });
  router.add("PUT", "/a", answer_ok);
  auto recorded = std::make_shared<Recorded>();

  router.dispatch(request_for("GET", "/a"), recording(recorded));
  EXPECT_EQ(recorded->last.body, "a");
  router.dispatch(request_for("GET", "/a/"), recording(recorded));
  EXPECT_EQ(recorded->last.status, 404);
  router.dispatch(request_for("POST", "/a"), recording(recorded));
  EXPECT_EQ(recorded->last.status, 405);
  ASSERT_EQ(recorded->last.headers.size(), 1u);
  EXPECT_EQ(recorded->last.headers[0],
            (std::pair<std::string, std::string>{"Allow", "GET, PUT, HEAD"}));
  EXPECT_EQ(recorded->calls, 3);
}

TEST(ResponderTest, AnswersExactlyOnce) {
  auto recorded = std::make_shared<Recorded>();
  {
    Responder responder = recording(recorded);
    responder.send(text_response(202, "first"));
    responder.send(text_response(200, "second"));
  }
  EXPECT_EQ(recorded->calls, 1);
  EXPECT_EQ(recorded->last.status, 202);
}

TEST(ResponderTest, DestroyedUnsentAnswers500AndMovesCarryTheDuty) {
  auto recorded = std::make_shared<Recorded>();
  {
    Responder original = recording(recorded);
    Responder moved = std::move(original);
    EXPECT_FALSE(original.pending());  // NOLINT(bugprone-use-after-move): checking the state
    EXPECT_TRUE(moved.pending());
  }
  EXPECT_EQ(recorded->calls, 1);
  EXPECT_EQ(recorded->last.status, 500);

  auto overwritten = std::make_shared<Recorded>();
  Responder target = recording(overwritten);
  target = Responder();  // the request `target` held must still be answered
  EXPECT_EQ(overwritten->calls, 1);
  EXPECT_EQ(overwritten->last.status, 500);
}

}  // namespace
}  // namespace wgbot::http
