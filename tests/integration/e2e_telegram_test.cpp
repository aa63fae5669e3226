// End to end over Telegram: the real wgbot binary long-polls a fake Bot API in this process.
#include <signal.h>

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "fakes/fake_telegram.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using nlohmann::json;
using testing::FakeTelegram;
using testing::Subprocess;
using testing::TempDir;

constexpr std::int64_t kUser = 5190233814;
constexpr std::int64_t kGroup = -1002198457731;

std::string update(std::int64_t id, std::int64_t chat, const std::string& text) {
  json message = {{"message_id", 100 + id},
                  {"from", {{"id", kUser}, {"is_bot", false}, {"first_name", "Tuấn"}}},
                  {"chat", {{"id", chat}, {"type", chat < 0 ? "supergroup" : "private"}}},
                  {"date", 1795569400},
                  {"text", text}};
  if (text.starts_with('/')) {
    const auto end = text.find(' ');
    const auto length = end == std::string::npos ? text.size() : end;
    message["entities"] =
        json::array({{{"offset", 0}, {"length", length}, {"type", "bot_command"}}});
  }
  return json{{"update_id", id}, {"message", message}}.dump();
}

std::string sent_text(const FakeTelegram& fake, std::size_t i) {
  const auto calls = fake.calls("sendMessage");
  return i < calls.size() ? calls[i].body.value("text", "") : "";
}

TEST(EndToEndTelegram, PrivateAndGroupCommandsOverLongPolling) {
  TempDir dir;
  FakeTelegram fake;
  std::map<std::string, std::string> env = {
      {"WGBOT_DB", dir.file("wgbot.db")},
      {"WGBOT_LISTEN", "127.0.0.1:0"},
      {"WGBOT_TELEGRAM_TOKEN", std::string(FakeTelegram::kToken)},
      {"WGBOT_TELEGRAM_API_BASE_URL", fake.base_url()}};
  const std::vector<std::string> cd{"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY};
  auto with = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = cd;
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  };
  // Seed the demo roster, then pre-link a Telegram account the way an office moves its roster.
  ASSERT_EQ(testing::run_process(with({"console", "--as", "admin"}), env, "").code, 0);
  std::ofstream(dir.file("roster.csv"))
      << "handle,name,unit,role,title,telegram_user_id\n"
      << "tuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên," << kUser << "\n";
  ASSERT_EQ(testing::run_process(with({"import-roster", dir.file("roster.csv")}), env).code, 0);

  Subprocess bot(with({"serve"}), env);
  ASSERT_NE(bot.read_stderr_until("listening on").find("listening on"), std::string::npos);
  ASSERT_TRUE(fake.wait_for("getUpdates", 1));
  EXPECT_GE(fake.count("getMe"), 1U);

  fake.queue_update(update(1, kUser, "/whois quy"));
  ASSERT_TRUE(fake.wait_for("sendMessage", 1)) << bot.all_stderr();
  EXPECT_NE(sent_text(fake, 0).find("Ngô Văn Quý"), std::string::npos) << sent_text(fake, 0);
  EXPECT_EQ(fake.calls("sendMessage")[0].body.value("parse_mode", ""), "HTML");

  // In the group: a command for another bot and chatter are ignored; ours is answered as a reply.
  fake.queue_update(update(2, kGroup, "/xong@OtherCityBot 12"));
  fake.queue_update(update(3, kGroup, "chào cả nhà"));
  fake.queue_update(update(4, kGroup, "/units@ToCongTacHN_bot"));
  ASSERT_TRUE(fake.wait_for("sendMessage", 2));
  const auto group_reply = fake.calls("sendMessage")[1].body;
  EXPECT_EQ(group_reply.value("chat_id", json()).dump(), std::to_string(kGroup));
  EXPECT_NE(group_reply.dump().find("reply_parameters"), std::string::npos);
  EXPECT_NE(sent_text(fake, 1).find("Sở Nội vụ"), std::string::npos);

  // A task of one's own, read back from the list.
  fake.queue_update(update(5, kUser, "/giao Chuẩn bị báo cáo tháng hạn 15/12"));
  ASSERT_TRUE(fake.wait_for("sendMessage", 3));
  EXPECT_NE(sent_text(fake, 2).find("#1"), std::string::npos) << sent_text(fake, 2);
  EXPECT_NE(sent_text(fake, 2).find("15/12/2026"), std::string::npos);
  fake.queue_update(update(6, kUser, "/viec"));
  ASSERT_TRUE(fake.wait_for("sendMessage", 4));
  EXPECT_NE(sent_text(fake, 3).find("Chuẩn bị báo cáo tháng"), std::string::npos);

  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0) << bot.all_stderr();
  EXPECT_EQ(fake.count("sendMessage"), 4U);  // nothing for the ignored updates
  EXPECT_EQ(bot.all_stderr().find(FakeTelegram::kToken), std::string::npos);  // never logged
}

}  // namespace
}  // namespace wgbot
