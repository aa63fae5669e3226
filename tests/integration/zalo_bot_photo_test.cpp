// The digest's chart on the Zalo Bot Platform: sendPhoto takes only a URL, so in webhook mode the
// bot serves the PNG itself under public_url + /media/<token>.png for 24 hours; when polling
// (no public URL) the text goes alone.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "bot/http/http_client.hpp"
#include "bot/http/media_shelf.hpp"
#include "bot/zalo_bot/api_client.hpp"
#include "bot/zalo_bot/formatter.hpp"
#include "bot/zalo_bot/zalo_bot_delivery.hpp"
#include "core/clock.hpp"
#include "core/utf16.hpp"
#include "fakes/captured_log.hpp"
#include "fakes/fake_zalo_bot.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/zalo_bot_runtime.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPublicUrl = "https://wgbot.example.vn";
const std::string kPngSignature("\x89PNG\r\n\x1a\n", 8);

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Waits (real time, for I/O) until `chat_id` was sent `n` photos; returns them.
std::vector<ZaloPhoto> wait_for_photos(const FakeZaloBot& fake, const std::string& chat_id,
                                       std::size_t n) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (fake.photos_to(chat_id).size() < n && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  return fake.photos_to(chat_id);
}

// Lực (standing member, a digest reader) linked to the Zalo user u-luc, with a task he gave, so
// that the digest has a unit to draw.
void link_luc(ZaloBotRuntime& bot, FakeZaloBot& fake) {
  ASSERT_EQ(bot.say("u-luc", "/start " + bot.invite("luc")), 200);
  ASSERT_EQ(fake.wait_for_texts("u-luc", 1).size(), 1U);
  ASSERT_EQ(bot.say("u-luc", "/giao @hung Rà soát hồ sơ cấp phép hạn 15/12"), 200);
  ASSERT_GE(fake.wait_for_texts("u-luc", 2).size(), 2U);
}

TEST(ZaloBotPhoto, TheDigestChartIsSentByUrlAndServedByTheBotFor24Hours) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  link_luc(bot, fake);
  ASSERT_EQ(bot.say("u-luc", "/baocao"), 200);

  const auto photos = wait_for_photos(fake, "u-luc", 1);
  ASSERT_EQ(photos.size(), 1U);
  const std::string prefix = std::string(kPublicUrl) + "/media/";
  ASSERT_TRUE(starts_with(photos[0].url, prefix)) << photos[0].url;
  EXPECT_TRUE(photos[0].url.size() > prefix.size() + http::kMediaTokenLength);
  // The digest's text fits a caption: one call, no separate message.
  EXPECT_NE(photos[0].caption.find("Báo cáo nhanh"), std::string::npos) << photos[0].caption;
  EXPECT_EQ(fake.texts_to("u-luc").size(), 2U);  // the /start and /giao answers only

  // Zalo fetches the URL; here the test does, from the bot's own server over loopback.
  const std::string path = photos[0].url.substr(std::string(kPublicUrl).size());
  const auto port = bot.runtime().port();
  const auto got = test::http_request(port, "GET", path);
  ASSERT_EQ(got.status, 200) << got.error;
  EXPECT_TRUE(starts_with(got.body, kPngSignature));
  EXPECT_GT(got.body.size(), 1000U);
  EXPECT_EQ(got.header("Content-Type"), "image/png");
  EXPECT_EQ(got.header("Cache-Control"), "private, max-age=86400");
  const auto head = test::http_request(port, "HEAD", path);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());

  const auto post = test::http_request(port, "POST", path, "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD");

  std::string tampered = path;
  const auto at = std::string("/media/").size() + 3;
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  const auto wrong = test::http_request(port, "GET", tampered);
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(wrong.body, test::http_request(port, "GET", "/no-such-path").body);
  EXPECT_EQ(test::http_request(port, "GET", "/media/not-a-token.png").status, 404);

  bot.clock().advance(24h);
  EXPECT_EQ(test::http_request(port, "GET", path).status, 404);
}

// The URL is the only key to the picture: the request log names the route, not the token.
TEST(ZaloBotPhoto, TheTokenOfAPictureNeverReachesTheLog) {
  CapturedLog log(spdlog::level::debug);
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  link_luc(bot, fake);
  ASSERT_EQ(bot.say("u-luc", "/baocao"), 200);
  const auto photos = wait_for_photos(fake, "u-luc", 1);
  ASSERT_EQ(photos.size(), 1U);
  const std::string path = photos[0].url.substr(std::string(kPublicUrl).size());
  const std::string token = path.substr(std::string("/media/").size(), http::kMediaTokenLength);
  ASSERT_EQ(test::http_request(bot.runtime().port(), "GET", path).status, 200);
  const std::string text = log.text();
  EXPECT_NE(text.find("path=/media/"), std::string::npos);
  EXPECT_EQ(text.find(token), std::string::npos);
}

// A group that refuses the bot's photo gets it to the asker privately, as a text reply would.
TEST(ZaloBotPhoto, APhotoRefusedByAGroupIsSentToTheAskerPrivately) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  link_luc(bot, fake);
  fake.push_response("sendPhoto", 400,
                     R"({"ok":false,"error_code":400,"description":"Bad request"})");
  ZaloUpdate in_group{"g-1", "u-luc", "@Bot Trợ lý TCT /baocao", "group-tct"};
  ASSERT_EQ(bot.post(in_group.wrapped()), 200);

  const auto privately = wait_for_photos(fake, "u-luc", 1);
  ASSERT_EQ(privately.size(), 1U);
  EXPECT_TRUE(starts_with(privately[0].url, std::string(kPublicUrl) + "/media/"));
  EXPECT_EQ(fake.photos_to("group-tct").size(), 1U);  // only the refused attempt
  const auto got = test::http_request(bot.runtime().port(), "GET",
                                      privately[0].url.substr(std::string(kPublicUrl).size()));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(starts_with(got.body, kPngSignature));
}

// Long polling: Zalo could not fetch a URL of the bot, so the digest is its text alone.
TEST(ZaloBotPhoto, WhenPollingTheDigestArrivesAsTextWithoutAPhoto) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, "");
  fake.queue_update(ZaloUpdate{"p-1", "u-luc", "/start " + bot.invite("luc")}.bare().dump());
  ASSERT_EQ(fake.wait_for_texts("u-luc", 1).size(), 1U);
  fake.queue_update(
      ZaloUpdate{"p-2", "u-luc", "/giao @hung Rà soát hồ sơ cấp phép hạn 15/12"}.bare().dump());
  ASSERT_EQ(fake.wait_for_texts("u-luc", 2).size(), 2U);
  fake.queue_update(ZaloUpdate{"p-3", "u-luc", "/baocao"}.bare().dump());
  const auto texts = fake.wait_for_texts("u-luc", 3);
  ASSERT_EQ(texts.size(), 3U);
  EXPECT_NE(texts[2].find("Báo cáo nhanh"), std::string::npos) << texts[2];
  EXPECT_NE(texts[2].find("Sở"), std::string::npos) << texts[2];  // the unit table is there
  EXPECT_EQ(fake.count("sendPhoto"), 0U);
}

// The delivery against the fake API, on its own: how a message with a photo is cut into calls.
class ZaloPhotoDelivery : public ::testing::Test {
 protected:
  ZaloPhotoDelivery() : work_(boost::asio::make_work_guard(ioc_)) {
    io_ = std::thread([this] { ioc_.run(); });
    http_ = std::make_unique<http::HttpClient>(ioc_);
    api_ = std::make_unique<zalo_bot::ApiClient>(*http_, fake_.base_url(),
                                                 std::string(FakeZaloBot::kToken));
  }
  ~ZaloPhotoDelivery() override {
    api_.reset();
    http_.reset();
    work_.reset();
    io_.join();
  }

  static Outgoing with_chart(std::string text, const std::string& chat) {
    Outgoing m;
    m.chat_id = chat;
    m.text = std::move(text);
    m.file.kind = FileKind::photo;
    m.file.name = "digest.png";
    m.file.content_type = "image/png";
    m.file.bytes = kPngSignature + "chart";
    return m;
  }

  DeliveryStatus send(zalo_bot::ZaloBotDelivery& delivery, const Outgoing& m, int part) {
    std::promise<DeliveryResult> sent;
    delivery.send_part(m, part, [&sent](DeliveryResult r) { sent.set_value(std::move(r)); });
    return sent.get_future().get().status;
  }

  zalo_bot::PhotoHosting hosting(const std::string& public_url) {
    return zalo_bot::PhotoHosting{&shelf_, &clock_, public_url};
  }

  FakeZaloBot fake_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread io_;
  std::unique_ptr<http::HttpClient> http_;
  std::unique_ptr<zalo_bot::ApiClient> api_;
  ManualClock clock_{std::chrono::sys_seconds{std::chrono::seconds{1795662000}}};
  http::MediaShelf shelf_;
};

TEST_F(ZaloPhotoDelivery, ALongCaptionIsAPhotoThenTheTextInMessages) {
  std::string text;
  for (int i = 1; utf16_length(text) < 3000; ++i) {
    text += "Việc #" + std::to_string(i) + ": rà soát hồ sơ cấp phép xây dựng\n";
  }
  const Outgoing m = with_chart(text, "u-long");
  zalo_bot::ZaloBotDelivery delivery(*api_, hosting("https://wgbot.example.vn/"));
  const int parts = delivery.parts(m);
  ASSERT_EQ(parts, 3);
  // The same answer from a sender restarted with an empty shelf.
  http::MediaShelf other_shelf;
  zalo_bot::ZaloBotDelivery restarted(
      *api_, zalo_bot::PhotoHosting{&other_shelf, &clock_, "https://wgbot.example.vn/"});
  EXPECT_EQ(restarted.parts(m), parts);
  EXPECT_EQ(other_shelf.entries(), 0U);

  for (int part = 0; part < parts; ++part) EXPECT_EQ(send(delivery, m, part), DeliveryStatus::sent);
  const auto photos = fake_.photos_to("u-long");
  ASSERT_EQ(photos.size(), 1U);
  EXPECT_TRUE(photos[0].caption.empty());
  EXPECT_TRUE(starts_with(photos[0].url, "https://wgbot.example.vn/media/")) << photos[0].url;
  EXPECT_FALSE(fake_.calls("sendPhoto")[0].body.contains("caption"));
  const auto texts = fake_.texts_to("u-long");
  ASSERT_EQ(texts.size(), 2U);
  EXPECT_EQ(texts[0] + texts[1], text);
  EXPECT_EQ(shelf_.entries(), 1U);
}

TEST_F(ZaloPhotoDelivery, TheCallsGoInOrderPhotoFirst) {
  std::string text(2001, 'a');
  const Outgoing m = with_chart(text, "u-order");
  zalo_bot::ZaloBotDelivery delivery(*api_, hosting(kPublicUrl));
  ASSERT_EQ(delivery.parts(m), 3);
  EXPECT_EQ(send(delivery, m, 0), DeliveryStatus::sent);
  EXPECT_EQ(fake_.count("sendPhoto"), 1U);
  EXPECT_EQ(fake_.count("sendMessage"), 0U);
  EXPECT_EQ(send(delivery, m, 1), DeliveryStatus::sent);
  EXPECT_EQ(fake_.count("sendMessage"), 1U);
}

TEST_F(ZaloPhotoDelivery, AShortTextIsTheCaptionOfOneCall) {
  const Outgoing m = with_chart("Báo cáo nhanh **hôm nay**", "u-short");
  zalo_bot::ZaloBotDelivery delivery(*api_, hosting(kPublicUrl));
  ASSERT_EQ(delivery.parts(m), 1);
  EXPECT_EQ(send(delivery, m, 0), DeliveryStatus::sent);
  const auto photos = fake_.photos_to("u-short");
  ASSERT_EQ(photos.size(), 1U);
  EXPECT_EQ(photos[0].caption, "Báo cáo nhanh hôm nay");  // plain text, as messages are
  EXPECT_EQ(fake_.count("sendMessage"), 0U);
}

TEST_F(ZaloPhotoDelivery, WithoutAPublicUrlAndForDocumentsOnlyTheTextIsSent) {
  const Outgoing photo = with_chart("Báo cáo nhanh", "u-text");
  Outgoing document = photo;
  document.file.kind = FileKind::document;
  document.file.content_type = "text/csv";
  zalo_bot::ZaloBotDelivery polling(*api_, hosting(""));
  zalo_bot::ZaloBotDelivery webhook(*api_, hosting(kPublicUrl));
  ASSERT_EQ(polling.parts(photo), 1);
  ASSERT_EQ(webhook.parts(document), 1);
  EXPECT_EQ(send(polling, photo, 0), DeliveryStatus::sent);
  EXPECT_EQ(send(webhook, document, 0), DeliveryStatus::sent);
  EXPECT_EQ(fake_.count("sendPhoto"), 0U);
  EXPECT_EQ(fake_.texts_to("u-text").size(), 2U);
  EXPECT_EQ(shelf_.entries(), 0U);
}

TEST_F(ZaloPhotoDelivery, ARefusedGroupPhotoIsChatGoneOnlyWithAPrivateFallback) {
  Outgoing m = with_chart("Báo cáo nhanh", "group-tct");
  zalo_bot::ZaloBotDelivery delivery(*api_, hosting(kPublicUrl));
  const std::string refused = R"({"ok":false,"error_code":400,"description":"Bad request"})";
  m.private_fallback_chat_id = "u-quy";
  fake_.push_response("sendPhoto", 400, refused);
  EXPECT_EQ(send(delivery, m, 0), DeliveryStatus::chat_gone);
}

// A photo refused in a private chat (say the platform could not fetch its URL) must not take
// the digest's words with it.
TEST_F(ZaloPhotoDelivery, ARefusedPhotoStillDeliversItsWords) {
  const std::string refused = R"({"ok":false,"error_code":400,"description":"Bad request"})";
  zalo_bot::ZaloBotDelivery delivery(*api_, hosting(kPublicUrl));
  const Outgoing short_one = with_chart("Báo cáo nhanh", "u-refused");
  ASSERT_EQ(delivery.parts(short_one), 1);
  fake_.push_response("sendPhoto", 400, refused);
  EXPECT_EQ(send(delivery, short_one, 0), DeliveryStatus::sent);
  EXPECT_EQ(fake_.texts_to("u-refused"), (std::vector<std::string>{"Báo cáo nhanh"}));

  // A long text: the refused photo is skipped, and the text's own parts still follow.
  const Outgoing long_one = with_chart(std::string(2001, 'a'), "u-refused-long");
  ASSERT_EQ(delivery.parts(long_one), 3);
  fake_.push_response("sendPhoto", 400, refused);
  EXPECT_EQ(send(delivery, long_one, 0), DeliveryStatus::sent);
  EXPECT_TRUE(fake_.texts_to("u-refused-long").empty());
  EXPECT_EQ(send(delivery, long_one, 1), DeliveryStatus::sent);
  EXPECT_EQ(send(delivery, long_one, 2), DeliveryStatus::sent);
  EXPECT_EQ(fake_.texts_to("u-refused-long").size(), 2U);
}

}  // namespace
}  // namespace wgbot::testing
