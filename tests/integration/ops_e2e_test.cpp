// Operations, end to end with the real binary: the /metrics page of a running bot read line by
// line, the log in JSON, SIGHUP re-reading the log level, and a backup taken while the bot
// writes, restored and checked.
#include <signal.h>
#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "fakes/http_test_client.hpp"
#include "fakes/prometheus_text.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using testing::Subprocess;
using testing::TempDir;

std::map<std::string, std::string> env_for(const TempDir& dir) {
  return {{"WGBOT_DB", dir.file("wgbot.db")}, {"WGBOT_LISTEN", "127.0.0.1:0"}};
}

std::vector<std::string> argv_in(const TempDir& dir, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

unsigned short port_from_log(const std::string& log) {
  static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
  std::smatch m;
  if (!std::regex_search(log, m, kListening)) return 0;
  return static_cast<unsigned short>(std::stoi(m[1]));
}

std::string errors_of(const testing::PromPage& page) {
  std::string all;
  for (const auto& e : page.errors) all += e + "\n";
  return all;
}

TEST(OpsEndToEnd, MetricsOfARunningBotParseLineByLine) {
  TempDir dir;
  Subprocess bot(argv_in(dir, {"serve", "--console", "admin"}), env_for(dir));
  const auto port = port_from_log(bot.read_stderr_until("listening on"));
  ASSERT_NE(port, 0) << bot.all_stderr();
  bot.write_stdin("/giao Dự thảo báo cáo hạn 31/12/2099\n");
  ASSERT_NE(bot.read_stdout_until("#1").find("#1"), std::string::npos) << bot.all_stdout();
  bot.write_stdin("/nhac 31/12/2099 8h: họp giao ban\n");
  bot.write_stdin("/giao Dự thảo báo cáo hạn 31/12/2099\n");
  ASSERT_NE(bot.read_stdout_until("#2").find("#2"), std::string::npos) << bot.all_stdout();

  const auto response = test::http_request(port, "GET", "/metrics");
  ASSERT_EQ(response.status, 200);
  const auto page = testing::parse_prometheus_text(response.body);
  EXPECT_TRUE(page.errors.empty()) << errors_of(page) << response.body;
  for (const auto* family :
       {"wgbot_updates_received_total", "wgbot_updates_duplicated_total",
        "wgbot_updates_rejected_total", "wgbot_handler_seconds", "wgbot_outbox_depth",
        "wgbot_outbox_oldest_age_seconds", "wgbot_sends_total", "wgbot_send_rate_limited_total",
        "wgbot_reminders_due", "wgbot_nudges_due", "wgbot_scheduler_fired_total",
        "wgbot_digest_last_sent_timestamp_seconds", "wgbot_database_bytes"}) {
    EXPECT_TRUE(page.types.contains(family)) << family;
  }
  EXPECT_EQ(page.value("wgbot_updates_received_total", {{"platform", "console"}}), 3);
  EXPECT_EQ(page.value("wgbot_handler_seconds_count"), 3);
  EXPECT_EQ(page.value("wgbot_digest_last_sent_timestamp_seconds"), 0);
  EXPECT_EQ(page.value("wgbot_reminders_due"), 0);
  EXPECT_GE(page.value("wgbot_database_bytes"),
            static_cast<double>(std::filesystem::file_size(dir.file("wgbot.db"))) / 2);
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0) << bot.all_stderr();
}

TEST(OpsEndToEnd, JsonLogsAreOneObjectPerLine) {
  TempDir dir;
  Subprocess bot(argv_in(dir, {"serve", "--log-format", "json", "--console", "admin"}),
                 env_for(dir));
  ASSERT_NE(port_from_log(bot.read_stderr_until("listening on")), 0) << bot.all_stderr();
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0);
  std::istringstream lines(bot.all_stderr());
  std::string line;
  int events = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line;
    EXPECT_TRUE(j.contains("time") && j.contains("level")) << line;
    if (j.contains("event")) ++events;
  }
  EXPECT_GE(events, 2);  // scheduler_started, shutdown_started, stopped, …
}

TEST(OpsEndToEnd, TheLogNamesEachRequestByTheIdItsAnswerCarries) {
  TempDir dir;
  auto env = env_for(dir);
  env["WGBOT_LOG_LEVEL"] = "debug";
  Subprocess bot(argv_in(dir, {"serve"}), env);
  const auto port = port_from_log(bot.read_stderr_until("listening on"));
  ASSERT_NE(port, 0) << bot.all_stderr();
  const auto first = test::http_request(port, "GET", "/healthz");
  const auto second = test::http_request(port, "GET", "/readyz");
  const std::string id = first.header("X-Request-Id");
  ASSERT_FALSE(id.empty());
  EXPECT_NE(second.header("X-Request-Id"), id);
  const std::string log = bot.read_stderr_until("request_id=" + second.header("X-Request-Id"));
  EXPECT_NE(log.find("request_id=" + id + " method=GET path=/healthz status=200"),
            std::string::npos)
      << log;
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0);
}

TEST(OpsEndToEnd, SighupReadsTheLogLevelAgainAndNamesKeysThatNeedARestart) {
  TempDir dir;
  std::ofstream(dir.file("wgbot.json")) << R"({"log": {"level": "info"}})";
  Subprocess bot(argv_in(dir, {"serve"}), env_for(dir));
  const auto port = port_from_log(bot.read_stderr_until("listening on"));
  ASSERT_NE(port, 0) << bot.all_stderr();
  EXPECT_EQ(test::http_request(port, "GET", "/healthz").status, 200);

  std::ofstream(dir.file("wgbot.json"), std::ios::trunc)
      << R"({"log": {"level": "debug"}, "retention_days": 30})";
  bot.signal(SIGHUP);
  const auto reloaded = bot.read_stderr_until("event=config_restart_needed");
  EXPECT_NE(reloaded.find("event=config_reloaded log_level=debug"), std::string::npos) << reloaded;
  EXPECT_NE(reloaded.find("keys=retention_days"), std::string::npos) << reloaded;
  // Only now is a request logged (at debug).
  EXPECT_EQ(reloaded.find("event=http_request"), std::string::npos) << reloaded;
  EXPECT_EQ(test::http_request(port, "GET", "/healthz").status, 200);
  EXPECT_NE(bot.read_stderr_until("event=http_request").find("event=http_request"),
            std::string::npos);

  // A config that no longer loads keeps the running bot as it is.
  std::ofstream(dir.file("wgbot.json"), std::ios::trunc) << R"({"log": {"level": "loud"}})";
  bot.signal(SIGHUP);
  EXPECT_NE(bot.read_stderr_until("event=config_reload_failed").find("'log.level'"),
            std::string::npos);
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0) << bot.all_stderr();
}

// Every task the bot confirmed before the backup began is in the restored copy, and the copy is
// one consistent moment: task ids 1..N without a gap.
TEST(OpsEndToEnd, BackupWhileTheBotWritesRestoresEveryCommittedRow) {
  TempDir dir;
  Subprocess bot(argv_in(dir, {"serve", "--console", "admin"}), env_for(dir));
  ASSERT_NE(port_from_log(bot.read_stderr_until("listening on")), 0) << bot.all_stderr();
  constexpr int kConfirmed = 30;
  for (int i = 1; i <= kConfirmed; ++i) {
    bot.write_stdin("/giao Việc số " + std::to_string(i) + "\n");
  }
  // Each reply is printed after its task committed.
  const std::string last = "#" + std::to_string(kConfirmed) + " ";
  ASSERT_NE(bot.read_stdout_until(last).find(last), std::string::npos) << bot.all_stdout();
  // More writes in flight while the backup runs.
  for (int i = kConfirmed + 1; i <= kConfirmed + 200; ++i) {
    bot.write_stdin("/giao Việc số " + std::to_string(i) + "\n");
  }
  const auto backup =
      testing::run_process(argv_in(dir, {"backup", dir.file("copy/b.db")}), env_for(dir));
  ASSERT_EQ(backup.code, 0) << backup.err;
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("copy/b.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_FALSE(std::filesystem::exists(dir.file("copy/b.db.partial")));
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0) << bot.all_stderr();

  // Restore as the deploy guide says: the backup file becomes the database of a stopped bot.
  TempDir restored;
  std::filesystem::copy_file(dir.file("copy/b.db"), restored.file("wgbot.db"));
  {
    SQLite::Database db(restored.file("wgbot.db"), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
    const auto count = db.execAndGet("SELECT COUNT(*) FROM tasks").getInt64();
    EXPECT_GE(count, kConfirmed);
    EXPECT_EQ(db.execAndGet("SELECT MAX(id) FROM tasks").getInt64(), count);
    SQLite::Statement titles(db, "SELECT COUNT(*) FROM tasks WHERE title = ?");
    for (int i = 1; i <= kConfirmed; ++i) {
      titles.bind(1, "Việc số " + std::to_string(i));
      ASSERT_TRUE(titles.executeStep());
      EXPECT_EQ(titles.getColumn(0).getInt(), 1) << i;
      titles.reset();
    }
  }
  // The restored database serves: a console on it lists the confirmed tasks.
  const auto list = testing::run_process(argv_in(restored, {"console", "--as", "admin"}),
                                         env_for(restored), "/viec\n");
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("Việc số 1"), std::string::npos) << list.out;
}

}  // namespace
}  // namespace wgbot
