// /export from Telegram, through the real platform and the fake Bot API: the CSV arrives as a
// document uploaded with sendDocument (multipart), Vietnamese intact, and the admin is audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "fakes/telegram_harness.hpp"

namespace wgbot::testing {
namespace {

std::string command_from_hanh(const std::string& text, int update_id) {
  auto update = nlohmann::json::parse(read_fixture("telegram/private_command_start.json"));
  update["update_id"] = update_id;
  update["message"]["message_id"] = update_id;
  update["message"]["text"] = text;
  update["message"]["entities"] =
      nlohmann::json::array({{{"offset", 0}, {"length", text.find(' ')}, {"type", "bot_command"}}});
  return update.dump();
}

TEST(TelegramExport, AnAdminsExportArrivesAsACsvDocument) {
  TelegramHarness h;
  h.bot().link("telegram", "1958840321", "admin");
  h.fake().queue_update(command_from_hanh("/xuat members", 815204500));
  ASSERT_TRUE(h.fake().wait_for("sendDocument", 1));
  const auto calls = h.fake().calls("sendDocument");
  ASSERT_EQ(calls.size(), 1U);
  ASSERT_EQ(calls[0].files.size(), 1U);
  const UploadedFile& csv = calls[0].files[0];
  EXPECT_EQ(csv.field, "document");
  EXPECT_TRUE(csv.filename.ends_with(".csv")) << csv.filename;
  EXPECT_TRUE(csv.bytes.starts_with("\xEF\xBB\xBF")) << "UTF-8 BOM for Excel";
  EXPECT_NE(csv.bytes.find("Lê Tự Lực"), std::string::npos);
  EXPECT_EQ(calls[0].body.value("chat_id", std::string()), "1958840321");
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'export%'"), 1);
}

}  // namespace
}  // namespace wgbot::testing
