// For tests of code that sends through HttpClient: an io_context running on its own thread, a
// blocking send() that fails the test instead of hanging it, and small request/response helpers.
#pragma once

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/http/http_client.hpp"
#include "fakes/fake_http_server.hpp"

namespace wgbot::test {

inline constexpr std::chrono::seconds kAnswerWait{10};  // for answers that should come promptly

// Case-insensitive; "" if absent.
inline std::string header_of(const http::ClientResponse& response, std::string_view name) {
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  for (const auto& [key, value] : response.headers) {
    if (std::equal(key.begin(), key.end(), name.begin(), name.end(), same)) return value;
  }
  return {};
}

inline http::ClientRequest get_request(std::string url) {
  http::ClientRequest request;
  request.method = "GET";
  request.url = std::move(url);
  return request;
}

// A FakeHttpServer handler answering 200 with `body` to everything.
inline FakeHttpServer::Handler answer_with(std::string body) {
  return [body = std::move(body)](const FakeExchange&) { return FakeReply::respond(200, body); };
}

class HttpClientFixture : public ::testing::Test {
 protected:
  HttpClientFixture() : thread_([this] { ioc_.run(); }) {}
  // Destroy clients before this runs: it waits for the io_context to run out of work.
  ~HttpClientFixture() override {
    work_.reset();
    thread_.join();
  }

  // Sends and waits for the one answer.
  http::ClientResponse send(http::HttpClient& client, http::ClientRequest request) {
    auto answered = std::make_shared<std::promise<http::ClientResponse>>();
    auto calls = std::make_shared<std::atomic<int>>(0);
    auto future = answered->get_future();
    client.request(std::move(request), [answered, calls](http::ClientResponse response) {
      if (++*calls == 1) {
        answered->set_value(std::move(response));
      } else {
        ADD_FAILURE() << "done called more than once";
      }
    });
    if (future.wait_for(kAnswerWait) != std::future_status::ready) {
      ADD_FAILURE() << "no answer";
      return {};
    }
    return future.get();
  }

  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  std::thread thread_;
};

}  // namespace wgbot::test
