// The media shelf: tokens, expiry on the injected clock, the byte budget; and its route.
#include "bot/http/media_shelf.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "bot/http/media_route.hpp"
#include "bot/http/router.hpp"
#include "core/clock.hpp"

namespace wgbot::http {
namespace {

using namespace std::chrono_literals;

const std::chrono::sys_seconds kT0{std::chrono::seconds{1795662000}};
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "chart";

TEST(MediaShelf, TokensAre32UrlSafeCharactersAndNeverRepeat) {
  MediaShelf shelf;
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto token = shelf.put("x", "image/png", kT0);
    ASSERT_TRUE(token.has_value());
    EXPECT_EQ(token->size(), kMediaTokenLength);
    EXPECT_EQ(token->find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << *token;
    EXPECT_TRUE(is_media_token(*token));
    EXPECT_TRUE(seen.insert(*token).second);
  }
  // 32 characters of 6 bits: 192 bits of randomness, at least the 128 asked for.
  EXPECT_GE(kMediaTokenBytes * 8, 128U);
}

TEST(MediaShelf, GivesTheBytesBackUntilTheyExpire) {
  MediaShelf shelf;
  const auto token = shelf.put(kPng, "image/png", kT0);
  ASSERT_TRUE(token);
  const auto item = shelf.get(*token, kT0 + 23h + 59min);
  ASSERT_TRUE(item);
  EXPECT_EQ(*item->bytes, kPng);
  EXPECT_EQ(item->content_type, "image/png");
  EXPECT_EQ(item->expires, kT0 + 24h);
  EXPECT_FALSE(shelf.get(*token, kT0 + 24h));
  EXPECT_EQ(shelf.entries(), 0U);
  EXPECT_EQ(shelf.bytes(), 0U);
}

TEST(MediaShelf, UnknownAndMalformedTokensFindNothing) {
  MediaShelf shelf;
  const auto token = shelf.put(kPng, "image/png", kT0);
  ASSERT_TRUE(token);
  std::string tampered = *token;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(shelf.get(tampered, kT0));
  EXPECT_FALSE(shelf.get(token->substr(1), kT0));
  EXPECT_FALSE(shelf.get(*token + "A", kT0));
  EXPECT_FALSE(shelf.get("../../etc/passwd", kT0));
  EXPECT_FALSE(shelf.get("", kT0));
  EXPECT_FALSE(is_media_token(std::string(kMediaTokenLength, '.')));
}

TEST(MediaShelf, TheOldestLeaveWhenTheBudgetIsFull) {
  MediaShelf shelf(MediaShelfOptions{24h, 100});
  const auto first = shelf.put(std::string(40, 'a'), "image/png", kT0);
  const auto second = shelf.put(std::string(40, 'b'), "image/png", kT0 + 1s);
  const auto third = shelf.put(std::string(40, 'c'), "image/png", kT0 + 2s);
  ASSERT_TRUE(first && second && third);
  EXPECT_FALSE(shelf.get(*first, kT0 + 3s));
  EXPECT_TRUE(shelf.get(*second, kT0 + 3s));
  EXPECT_TRUE(shelf.get(*third, kT0 + 3s));
  EXPECT_EQ(shelf.bytes(), 80U);
  EXPECT_LE(shelf.bytes(), shelf.options().max_bytes);
  // Larger than the whole budget: refused, and nothing else is dropped for it.
  EXPECT_FALSE(shelf.put(std::string(101, 'd'), "image/png", kT0 + 4s));
  EXPECT_EQ(shelf.entries(), 2U);
}

TEST(MediaShelf, ExpiredEntriesFreeTheirBytesOnTheNextPut) {
  MediaShelf shelf(MediaShelfOptions{1h, 100});
  ASSERT_TRUE(shelf.put(std::string(60, 'a'), "image/png", kT0));
  ASSERT_TRUE(shelf.put(std::string(10, 'b'), "image/png", kT0 + 2h));
  EXPECT_EQ(shelf.entries(), 1U);
  EXPECT_EQ(shelf.bytes(), 10U);
}

TEST(MediaShelf, PathsCarryTheExtensionOfTheContentType) {
  EXPECT_EQ(media_path("tok", "image/png"), "/media/tok.png");
  EXPECT_EQ(media_path("tok", "image/jpeg"), "/media/tok.jpg");
  EXPECT_EQ(media_path("tok", "text/csv"), "/media/tok");
}

TEST(MediaShelf, LoggedPathsHideTheToken) {
  const std::string token(kMediaTokenLength, 'Q');
  EXPECT_EQ(loggable_path("/media/" + token + ".png"), "/media/***.png");
  EXPECT_EQ(loggable_path("/media/" + token), "/media/***");
  EXPECT_EQ(loggable_path("/webhook/zalo"), "/webhook/zalo");
  EXPECT_EQ(loggable_path("/mediaX/" + token), "/mediaX/" + token);
}

// The route, through the router as the server calls it.
class MediaRoute : public ::testing::Test {
 protected:
  MediaRoute() { add_media_route(router_, shelf_, clock_); }

  Response call(const std::string& method, const std::string& path) {
    std::optional<Response> out;
    Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    router_.dispatch(std::move(request), Responder([&](Response r) { out = std::move(r); }));
    return out.value_or(Response{0, "", "", {}});
  }

  static std::string header(const Response& r, const std::string& name) {
    for (const auto& [key, value] : r.headers) {
      if (key == name) return value;
    }
    return "";
  }

  ManualClock clock_{kT0};
  MediaShelf shelf_;
  Router router_;
};

TEST_F(MediaRoute, ServesTheBytesWithTheirTypeAndAPrivateCacheLifetime) {
  const std::string path = media_path(*shelf_.put(kPng, "image/png", clock_.now()), "image/png");
  clock_.advance(1h);
  const Response r = call("GET", path);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kPng);
  EXPECT_EQ(r.content_type, "image/png");
  EXPECT_EQ(header(r, "Cache-Control"), "private, max-age=82800");
  EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(call("HEAD", path).status, 200);
}

TEST_F(MediaRoute, AnythingNotOnTheShelfIs404LikeAnUnknownPath) {
  const std::string token = *shelf_.put(kPng, "image/png", clock_.now());
  const Response unknown_path = call("GET", "/nothing-here");
  for (const std::string& path :
       {std::string("/media/") + std::string(kMediaTokenLength, 'A') + ".png", "/media/" + token,
        "/media/" + token + ".jpg", "/media/" + token + ".png.png", std::string("/media/x.png"),
        std::string("/media/"), std::string("/media/../healthz")}) {
    const Response r = call("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, unknown_path.body) << path;
  }
  clock_.advance(24h);
  EXPECT_EQ(call("GET", "/media/" + token + ".png").status, 404);
}

TEST_F(MediaRoute, OtherMethodsAre405WithAllow) {
  const std::string path = media_path(*shelf_.put(kPng, "image/png", clock_.now()), "image/png");
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    const Response r = call(method, path);
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(header(r, "Allow"), "GET, HEAD") << method;
  }
}

TEST(RouterPrefix, ExactRoutesWinAndTheLongestPrefixServes) {
  Router router;
  std::string hit;
  router.add("GET", "/a/exact", [&](const Request&, Responder r) {
    hit = "exact";
    r.send(text_response(200, ""));
  });
  router.add_prefix("GET", "/a/", [&](const Request&, Responder r) {
    hit = "a";
    r.send(text_response(200, ""));
  });
  router.add_prefix("GET", "/a/b/", [&](const Request&, Responder r) {
    hit = "ab";
    r.send(text_response(200, ""));
  });
  const auto get = [&](const std::string& path) {
    int status = 0;
    Request request;
    request.method = "GET";
    request.path = path;
    hit.clear();
    router.dispatch(std::move(request), Responder([&](const Response& r) { status = r.status; }));
    return status;
  };
  EXPECT_EQ(get("/a/exact"), 200);
  EXPECT_EQ(hit, "exact");
  EXPECT_EQ(get("/a/other"), 200);
  EXPECT_EQ(hit, "a");
  EXPECT_EQ(get("/a/b/c"), 200);
  EXPECT_EQ(hit, "ab");
  EXPECT_EQ(get("/a"), 404);
  EXPECT_EQ(get("/ab/c"), 404);
  EXPECT_TRUE(hit.empty());
  EXPECT_EQ(router.paths(), std::vector<std::string>{"/a/exact"});
  EXPECT_THROW(router.add_prefix("GET", "/a", [](const Request&, Responder) {}),
               std::invalid_argument);
  EXPECT_THROW(router.add_prefix("GET", "/a/", [](const Request&, Responder) {}),
               std::invalid_argument);
}

}  // namespace
}  // namespace wgbot::http
