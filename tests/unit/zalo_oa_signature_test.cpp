// The webhook MAC: the worked example reproduced byte for byte, and what must not match.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/signature.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::zalo_oa {
namespace {

constexpr std::string_view kAppId = "2871045937716548123";
constexpr std::string_view kOaId = "4318720066135098412";
constexpr std::string_view kSecret = "hN4q8XzV2bLk7TmRw9Ps";
constexpr std::string_view kDigest =
    "2b7ac3bb4f52c7508059f7d95cf68c391f0d56c92d120f204f8a0ebf63a42255";

std::string signed_body() {
  return testing::read_fixture("zalo-oa/signed_user_send_text.body.json");
}

TEST(ZaloOaSignature, ReproducesTheWorkedExample) {
  const std::string body = signed_body();
  ASSERT_EQ(body.size(), 331U);  // exact bytes, no trailing newline
  const std::string timestamp = event_timestamp(body);
  EXPECT_EQ(timestamp, "1795572073512");
  EXPECT_EQ(event_mac(kAppId, body, timestamp, kSecret), kDigest);
  EXPECT_TRUE(signature_matches("mac=" + std::string(kDigest), kAppId, body, timestamp, kSecret));
}

TEST(ZaloOaSignature, AcceptsTheBareDigestInAnyCase) {
  const std::string body = signed_body();
  std::string upper(kDigest);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(signature_matches(upper, kAppId, body, "1795572073512", kSecret));
  EXPECT_TRUE(signature_matches(kDigest, kAppId, body, "1795572073512", kSecret));
}

TEST(ZaloOaSignature, RefusesReserialisedBodiesWrongSecretsAndTheOaIdVariant) {
  const std::string body = signed_body();
  const std::string header = "mac=" + std::string(kDigest);
  const std::string pretty = nlohmann::json::parse(body).dump(2);
  const std::string escaped = nlohmann::json::parse(body).dump(-1, ' ', true);
  EXPECT_FALSE(signature_matches(header, kAppId, pretty, "1795572073512", kSecret));
  EXPECT_FALSE(signature_matches(header, kAppId, escaped, "1795572073512", kSecret));
  EXPECT_FALSE(signature_matches(header, kAppId, body, "1795572073512", "wrong-secret"));
  EXPECT_FALSE(signature_matches(header, kAppId, body, "1795572073512", ""));
  EXPECT_FALSE(signature_matches("", kAppId, body, "1795572073512", kSecret));
  EXPECT_FALSE(signature_matches("mac=", kAppId, body, "1795572073512", kSecret));
  EXPECT_EQ(event_mac(kOaId, body, "1795572073512", kSecret),
            "f753c19004424d74c4600f521034410235e6da562764974531245472933dd842");
  EXPECT_FALSE(
      signature_matches("mac=f753c19004424d74c4600f521034410235e6da562764974531245472933dd842",
                        kAppId, body, "1795572073512", kSecret));
}

}  // namespace
}  // namespace wgbot::zalo_oa
