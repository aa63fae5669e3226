#include "bot/http/message_writer.hpp"

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <boost/beast/http/write.hpp>

namespace wgbot::http::detail {
namespace {

namespace bhttp = boost::beast::http;

// What Beast's own serializer writes for the message.
template <bool isRequest>
std::string beast_text(const bhttp::message<isRequest, bhttp::string_body>& message) {
  std::ostringstream out;
  out << message;
  return out.str();
}

TEST(HttpMessageWriter, ARequestIsWrittenAsBeastWritesIt) {
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/bot1:x/sendMessage", 11};
  request.set(bhttp::field::host, "127.0.0.1:18081");
  request.set(bhttp::field::user_agent, "wgbot/0.1.0");
  request.set(bhttp::field::content_type, "application/json");
  request.insert("X-Repeated", "a");
  request.insert("X-Repeated", "b");
  request.body() = R"({"chat_id":42,"text":"Đã nhận"})";
  request.keep_alive(true);
  request.prepare_payload();
  EXPECT_EQ(header_text(request) + request.body(), beast_text(request));

  bhttp::request<bhttp::string_body> custom{bhttp::verb::get, "/a?b=c", 10};
  custom.method_string("PURGE");
  EXPECT_EQ(header_text(custom) + custom.body(), beast_text(custom));
}

TEST(HttpMessageWriter, AResponseIsWrittenAsBeastWritesIt) {
  bhttp::response<bhttp::string_body> ok{bhttp::status::ok, 11};
  ok.set(bhttp::field::server, "wgbot");
  ok.set(bhttp::field::content_type, "text/plain; charset=utf-8");
  ok.body() = "ok\n";
  ok.keep_alive(false);
  ok.prepare_payload();
  EXPECT_EQ(header_text(ok) + ok.body(), beast_text(ok));

  bhttp::response<bhttp::string_body> old{bhttp::status::not_found, 10};
  old.reason("Nowhere");
  old.prepare_payload();
  EXPECT_EQ(header_text(old) + old.body(), beast_text(old));

  bhttp::response<bhttp::string_body> unusual{static_cast<bhttp::status>(299), 11};
  unusual.body() = "x";
  unusual.prepare_payload();
  EXPECT_EQ(header_text(unusual) + unusual.body(), beast_text(unusual));
}

}  // namespace
}  // namespace wgbot::http::detail
