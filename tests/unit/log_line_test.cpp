// Log lines: secrets redacted, and the JSON form a log shipper reads.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/log_line.hpp"

namespace wgbot {
namespace {

TEST(LogLine, SecretsAreReplacedEverywhereInTheLine) {
  EXPECT_EQ(redact("url=/bot123:ABCD/sendMessage again 123:ABCD", {"123:ABCD", "xy"}),
            "url=/bot***/sendMessage again ***");
  EXPECT_EQ(redact("short xy stays", {"xy"}), "short xy stays");  // too short to be a secret
}

TEST(LogLine, JsonLiftsKeyValueFieldsAndKeepsTheRestAsMsg) {
  const auto line = json_log_line(
      "2026-12-05T09:00:00.000+0700", "warning",
      R"(event=send_retry platform=telegram outbox_id=42 error="timeout \"read\" x" extra)");
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j.at("time"), "2026-12-05T09:00:00.000+0700");
  EXPECT_EQ(j.at("level"), "warning");
  EXPECT_EQ(j.at("event"), "send_retry");
  EXPECT_EQ(j.at("platform"), "telegram");
  EXPECT_EQ(j.at("outbox_id"), 42);
  EXPECT_EQ(j.at("error"), "timeout \"read\" x");
  EXPECT_EQ(j.at("msg"), "extra");
}

TEST(LogLine, JsonOfFreeTextIsOneValidObject) {
  const auto line = json_log_line("t", "info", "listening on 127.0.0.1:8080 \"quoted\" \x01 \xff");
  const auto j = nlohmann::json::parse(line);  // control and invalid bytes do not break it
  EXPECT_EQ(j.at("msg").get<std::string>().substr(0, 27), "listening on 127.0.0.1:8080");
  // A field may not overwrite the line's own time, level or msg.
  const auto k = nlohmann::json::parse(json_log_line("t", "info", "level=evil msg=x time=0"));
  EXPECT_EQ(k.at("level"), "info");
  EXPECT_EQ(k.at("time"), "t");
}

}  // namespace
}  // namespace wgbot
