// The real wgbot binary: `--config FILE` counts the same before and after the subcommand, for
// every subcommand. The file names a database (and more) that only the file could have chosen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using testing::RunResult;
using testing::TempDir;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

enum class Placement { before, after };

std::string name_of(Placement p) {
  return p == Placement::before ? "--config before" : "--config after";
}

void PrintTo(Placement p, std::ostream* os) {
  *os << name_of(p);
}

// A temp dir holding a config file whose database lives in a sub-directory of its own, so a
// command that ignored the file would use ./data/wgbot.db instead.
class ConfigOption : public ::testing::TestWithParam<Placement> {
 protected:
  ConfigOption() { write_config(""); }

  // The file's keys, plus `extra` (", \"key\": value" pairs).
  void write_config(const std::string& extra) const {
    std::ofstream(config_, std::ios::trunc)
        << R"({"db": ")" << db_ << R"(", "listen": "127.0.0.1:0", "timezone": "UTC",)"
        << R"( "language": "en")" << extra << "}";
  }

  // `wgbot --config F SUB ARGS…` or `wgbot SUB ARGS… --config F`, run in the temp dir with no
  // WGBOT_ variables, so only the file can move the database.
  RunResult wgbot(const std::vector<std::string>& command, const std::string& input = "") const {
    std::vector<std::string> argv{"/usr/bin/env", "-C", dir_.path().string(), WGBOT_BINARY};
    if (GetParam() == Placement::before) argv.insert(argv.end(), {"--config", config_});
    argv.insert(argv.end(), command.begin(), command.end());
    if (GetParam() == Placement::after) argv.insert(argv.end(), {"--config", config_});
    return testing::run_process(argv, {}, input);
  }

  [[nodiscard]] bool used_the_default_db() const {
    return std::filesystem::exists(dir_.file("data/wgbot.db"));
  }

  TempDir dir_;
  std::string config_ = dir_.file("custom.json");
  std::string db_ = dir_.file("from-file/bot.db");
};

TEST_P(ConfigOption, CheckConfigReportsTheFilesValues) {
  const auto r = wgbot({"check-config"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "config file: " + config_)) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\ndb +\"" + db_ + "\" +\\(file "))) << r.out;
}

TEST_P(ConfigOption, DatabaseCommandsUseTheFilesDatabase) {
  auto r = wgbot({"migrate"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(db_)) << name_of(GetParam());
  // The demo roster is seeded by the console into the file's database.
  r = wgbot({"console", "--as", "admin"}, "/whoami\n");
  ASSERT_EQ(r.code, 0) << r.err;
  r = wgbot({"member", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "chutich")) << r.out;
  r = wgbot({"member", "add", "--name", "Lý Thị Mai", "--handle", "mai", "--unit", "stc", "--role",
             "member"});
  EXPECT_EQ(r.code, 0) << r.err;
  r = wgbot({"member", "invite", "mai"});
  EXPECT_EQ(r.code, 0) << r.err;
  std::ofstream(dir_.file("roster.csv")) << "handle,name,unit,role,title\n"
                                            "tuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên\n";
  r = wgbot({"import-roster", dir_.file("roster.csv")});
  EXPECT_EQ(r.code, 0) << r.err;
  r = wgbot({"backup", dir_.file("copy.db")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "backed up " + db_)) << r.out;
  r = wgbot({"member", "list"});
  EXPECT_TRUE(contains(r.out, "mai")) << r.out;
  EXPECT_TRUE(contains(r.out, "tuan")) << r.out;
  EXPECT_FALSE(used_the_default_db());
}

TEST_P(ConfigOption, ServeUsesTheFilesDatabaseAndListenAddress) {
  const auto r = wgbot({"serve", "--console", "admin"}, "/whoami\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "listening on 127.0.0.1:")) << r.err;
  EXPECT_FALSE(contains(r.err, "listening on 127.0.0.1:8080")) << r.err;  // the default
  EXPECT_TRUE(contains(r.out, "@admin")) << r.out;
  EXPECT_TRUE(std::filesystem::exists(db_));
  EXPECT_FALSE(used_the_default_db());
}

TEST_P(ConfigOption, WhenReadsTheFilesTimezoneAndLanguage) {
  // Asia/Ho_Chi_Minh and Vietnamese are the defaults; the file says UTC and English.
  const auto r = wgbot({"when", "tomorrow 17h", "--now", "2026-11-26T10:00"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Deadline: 17:00 Friday, 27/11/2026\n");
  const auto json = wgbot({"when", "tomorrow 17h", "--now", "2026-11-26T10:00", "--json"});
  EXPECT_EQ(json.out, "{\"at\":\"2026-11-27T17:00:00+00:00\",\"rrule\":null}\n") << json.err;
}

TEST_P(ConfigOption, SetWebhookSeesTheFilesToken) {
  // The token comes from the file only; without it the complaint would be the missing token.
  write_config(R"(, "telegram": {"token": "123:FROM-FILE"})");
  const auto r = wgbot({"set-webhook", "--platform", "telegram"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "public_url is not set")) << r.err;
}

INSTANTIATE_TEST_SUITE_P(BothPlacements, ConfigOption,
                         ::testing::Values(Placement::before, Placement::after),
                         [](const auto& info) {
                           return info.param == Placement::before ? std::string("Before")
                                                                  : std::string("After");
                         });

}  // namespace
}  // namespace wgbot
