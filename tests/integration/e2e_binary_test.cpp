// End to end: the real wgbot binary with a temp database, driven through its console and HTTP.
#include <signal.h>

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "fakes/http_test_client.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using testing::RunResult;
using testing::Subprocess;
using testing::TempDir;

std::map<std::string, std::string> env_for(const TempDir& dir) {
  return {{"WGBOT_DB", dir.file("wgbot.db")}, {"WGBOT_LISTEN", "127.0.0.1:0"}};
}

RunResult wgbot(const std::vector<std::string>& args, const TempDir& dir,
                const std::string& input = "") {
  std::vector<std::string> argv{WGBOT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // Run from the temp dir so no ./wgbot.json of the developer's is picked up.
  argv.insert(argv.begin(), {"/usr/bin/env", "-C", dir.path().string()});
  return testing::run_process(argv, env_for(dir), input);
}

unsigned short port_from_log(const std::string& log) {
  static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
  std::smatch m;
  if (!std::regex_search(log, m, kListening)) return 0;
  return static_cast<unsigned short>(std::stoi(m[1]));
}

TEST(EndToEnd, ServeWithConsoleAnswersAndStopsCleanlyOnSigterm) {
  TempDir dir;
  Subprocess bot(
      {"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY, "serve", "--console", "admin"},
      env_for(dir));
  const auto log = bot.read_stderr_until("listening on");
  const auto port = port_from_log(log);
  ASSERT_NE(port, 0) << log;

  bot.write_stdin("/whois quy\n");
  EXPECT_NE(bot.read_stdout_until("Ngô Văn Quý").find("Ngô Văn Quý"), std::string::npos);
  bot.write_stdin("/units\n");
  EXPECT_NE(bot.read_stdout_until("Sở Nội vụ").find("Sở Nội vụ"), std::string::npos);
  bot.write_stdin("/help\n");
  EXPECT_NE(bot.read_stdout_until("/whoami").find("/whoami"), std::string::npos);

  auto health = test::http_request(port, "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(test::http_request(port, "GET", "/readyz").status, 200);
  auto metrics = test::http_request(port, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("wgbot_outbox_depth 0"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("wgbot_updates_received_total{platform=\"console\"} 3"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("wgbot_handler_seconds_count 3"), std::string::npos);
  EXPECT_EQ(test::http_request(port, "GET", "/nope").status, 404);
  EXPECT_EQ(test::http_request(port, "POST", "/healthz").status, 405);

  // A second bot on the same database refuses to start, naming the holder.
  const auto second = wgbot({"serve", "--console", "admin"}, dir);
  EXPECT_EQ(second.code, 2);
  EXPECT_NE(second.err.find("already served by process"), std::string::npos) << second.err;
  // Other subcommands keep working meanwhile.
  const auto list = wgbot({"member", "list"}, dir);
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("chutich"), std::string::npos);

  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0) << bot.all_stderr();
}

TEST(EndToEnd, EndOfConsoleInputEndsServeCleanly) {
  TempDir dir;
  Subprocess bot(
      {"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY, "serve", "--console", "luc"},
      env_for(dir));
  ASSERT_NE(port_from_log(bot.read_stderr_until("listening on")), 0);
  bot.write_stdin("/whoami\n");
  bot.close_stdin();
  EXPECT_EQ(bot.wait(), 0);
  EXPECT_NE(bot.all_stdout().find("Lê Tự Lực (@luc)"), std::string::npos) << bot.all_stdout();
}

TEST(EndToEnd, ScriptedConsolePrintsEveryAnswerThenExits) {
  TempDir dir;
  const auto r = wgbot({"console", "--as", "admin"}, dir, "/whois quy\n/members\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Ngô Văn Quý"), std::string::npos);
  EXPECT_NE(r.out.find("Danh sách thành viên"), std::string::npos) << r.out;
  EXPECT_EQ(wgbot({"console", "--as", "nobody"}, dir, "/help\n").code, 2);
}

TEST(EndToEnd, ConfigErrorsExitTwoNamingTheKey) {
  TempDir dir;
  std::ofstream(dir.file("wgbot.json")) << R"({"log": {"level": "loud"}})";
  const auto r = wgbot({"check-config"}, dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'log.level'"), std::string::npos) << r.err;
  std::ofstream(dir.file("wgbot.json"), std::ios::trunc) << R"({"telegram": {"tokn": "x"}})";
  const auto unknown = wgbot({"serve"}, dir);
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("'telegram.tokn'"), std::string::npos) << unknown.err;
  const auto missing = wgbot({"--config", "/nonexistent.json", "check-config"}, dir);
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(wgbot({"no-such-command"}, dir).code, 2);
}

TEST(EndToEnd, CheckConfigMasksSecretsAndNamesSources) {
  TempDir dir;
  std::vector<std::string> argv{"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY,
                                "check-config"};
  auto env = env_for(dir);
  env["WGBOT_TELEGRAM_TOKEN"] = "123456:SECRET-TOKEN-VALUE";
  const auto r = testing::run_process(argv, env);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("SECRET-TOKEN-VALUE"), std::string::npos);
  EXPECT_NE(r.out.find("env WGBOT_TELEGRAM_TOKEN"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(default)"), std::string::npos);
}

TEST(EndToEnd, RosterImportInviteAndBackup) {
  TempDir dir;
  ASSERT_EQ(wgbot({"migrate"}, dir).code, 0);
  ASSERT_EQ(wgbot({"console", "--as", "admin"}, dir, "/units\n").code, 0);  // seeds the demo
  std::ofstream(dir.file("roster.csv")) << "handle,name,unit,role,title\n"
                                           "tuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên\n"
                                           "bad,Người Sai,snv,boss,X\n";
  const auto bad = wgbot({"import-roster", dir.file("roster.csv")}, dir);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("line 3"), std::string::npos) << bad.err;
  EXPECT_EQ(wgbot({"member", "list"}, dir).out.find("tuan"), std::string::npos);
  std::ofstream(dir.file("roster.csv"), std::ios::trunc)
      << "handle,name,unit,role,title\ntuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên\n";
  EXPECT_EQ(wgbot({"import-roster", dir.file("roster.csv")}, dir).code, 0);
  const auto invite = wgbot({"member", "invite", "tuan"}, dir);
  EXPECT_EQ(invite.code, 0);
  EXPECT_TRUE(std::regex_match(invite.out, std::regex("[A-Z2-9]{10}\n"))) << invite.out;
  EXPECT_EQ(wgbot({"backup", dir.file("copy.db")}, dir).code, 0);
  EXPECT_EQ(wgbot({"member", "add", "--name", "Lý Thị Mai", "--handle", "mai", "--unit", "stc",
                   "--role", "member"},
                  dir)
                .code,
            0);
}

}  // namespace
}  // namespace wgbot

namespace wgbot {
namespace {

TEST(EndToEnd, WhenPrintsWhatAPhraseMeans) {
  testing::TempDir dir;
  auto run = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{WGBOT_BINARY, "when"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_process(argv, {{"WGBOT_DB", dir.file("w.db")}});
  };
  auto r = run({"thứ 6 tuần sau 17h", "--now", "2026-11-26T10:00", "--json"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "{\"at\":\"2026-12-04T17:00:00+07:00\",\"rrule\":null}\n");
  r = run(
      {"every weekday 16:30", "--for", "reminder", "--now", "2026-11-26T10:00:00+07:00", "--json"});
  EXPECT_EQ(
      r.out,
      "{\"at\":\"2026-11-26T16:30:00+07:00\",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\"}\n");
  r = run({"thu 6 tuan sau", "--now", "2026-11-26T10:00"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "Hạn xử lý: 17:00 thứ Sáu, 04/12/2026\n");
  // Office phrases, and a rule in words rather than RRULE text.
  r = run({"trước 17 giờ 00 ngày 15/12/2026", "--now", "2026-11-26T10:00"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "Hạn xử lý: 17:00 thứ Ba, 15/12/2026\n");
  r = run({"cuối tháng 12", "--now", "2026-11-26T10:00"});
  EXPECT_EQ(r.out, "Hạn xử lý: 17:00 thứ Năm, 31/12/2026\n");
  r = run({"8h thứ 2 hàng tuần", "--for", "reminder", "--now", "2026-11-26T10:00"});
  EXPECT_EQ(r.out, "Nhắc lúc: 08:00 thứ Hai, 30/11/2026 · Lặp lại: 08:00 thứ Hai hằng tuần\n");
  r = run({"31/2", "--now", "2026-11-26T10:00", "--json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\"error\""), std::string::npos);
  EXPECT_NE(r.out.find("31/2"), std::string::npos);
  EXPECT_EQ(run({"mai", "--now", "yesterday"}).code, 2);
}

}  // namespace
}  // namespace wgbot
