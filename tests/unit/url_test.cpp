#include "bot/http/url.hpp"

#include <gtest/gtest.h>

namespace wgbot::http {
namespace {

TEST(Url, SplitsHttpsWithDefaultPort) {
  const auto url = parse_url("https://api.telegram.org/bot123:ABC/sendMessage?x=1");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->tls());
  EXPECT_EQ(url->host, "api.telegram.org");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/bot123:ABC/sendMessage?x=1");
  EXPECT_EQ(url->origin(), "https://api.telegram.org:443");
  EXPECT_EQ(url->host_header(), "api.telegram.org");
}

TEST(Url, PlainHttpWithPortAndNoPath) {
  const auto url = parse_url("HTTP://LocalHost:8081");
  ASSERT_TRUE(url);
  EXPECT_FALSE(url->tls());
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 8081);
  EXPECT_EQ(url->target, "/");
  EXPECT_EQ(url->host_header(), "localhost:8081");
}

TEST(Url, QueryWithoutPathAndFragmentDropped) {
  EXPECT_EQ(parse_url("http://h?a=b")->target, "/?a=b");
  EXPECT_EQ(parse_url("http://h/p?a=b#frag")->target, "/p?a=b");
}

TEST(Url, Ipv6Literal) {
  const auto url = parse_url("http://[::1]:8080/x");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->origin(), "http://[::1]:8080");
  EXPECT_EQ(url->host_header(), "[::1]:8080");
}

TEST(Url, RefusesWhatItCannotConnectTo) {
  for (const char* text :
       {"", "api.telegram.org/x", "ftp://h/", "http://", "http://:80/", "http://h:/", "http://h:0/",
        "http://h:65536/", "http://h:8o/", "http://user:pw@h/", "http://h/a b", "http://h/\r\nX: y",
        "http://[::1/", "http://[zz]/", "http://h_/%"}) {
    if (std::string_view(text) == "http://h_/%") {
      EXPECT_TRUE(parse_url(text)) << text;  // the target is sent as given
      continue;
    }
    EXPECT_FALSE(parse_url(text)) << text;
  }
}

}  // namespace
}  // namespace wgbot::http
