#include <gtest/gtest.h>

#include <fstream>

#include "config/config_loader.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using testing::TempDir;

ConfigInputs no_file() {
  ConfigInputs in;
  in.working_dir_file = "/nonexistent/wgbot.json";
  return in;
}

std::string error_of(const ConfigInputs& in) {
  try {
    load_config(in);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(Config, DefaultsMatchTheSpec) {
  const auto loaded = load_config(no_file());
  const Config& c = loaded.config;
  EXPECT_EQ(c.db, "data/wgbot.db");
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.timezone, "Asia/Ho_Chi_Minh");
  EXPECT_EQ(c.language, "vi");
  EXPECT_TRUE(c.demo);
  EXPECT_FALSE(c.telegram.enabled());
  EXPECT_EQ(c.telegram.api_base_url, "https://api.telegram.org");
  EXPECT_EQ(c.telegram.rate.global_per_s, 30);
  EXPECT_EQ(c.schedule.digest_time, std::chrono::minutes(7 * 60 + 30));
  EXPECT_EQ(c.schedule.nudge_offsets_days, (std::vector<int>{3, 1, 0}));
  EXPECT_EQ(c.schedule.workdays, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(c.http_max_body_bytes, 1U << 20U);
  for (const auto& r : loaded.report) EXPECT_EQ(r.source, "default") << r.key;
}

TEST(Config, EnvironmentNamesAreGeneratedFromKeys) {
  EXPECT_EQ(env_name_for("telegram.api_base_url"), "WGBOT_TELEGRAM_API_BASE_URL");
  EXPECT_EQ(env_name_for("telegram.rate.global_per_s"), "WGBOT_TELEGRAM_RATE_GLOBAL_PER_S");
  EXPECT_EQ(env_name_for("db"), "WGBOT_DB");
}

TEST(Config, FileThenEnvironmentThenSettings) {
  TempDir dir;
  const auto path = dir.file("c.json");
  write(path, R"({"listen":"0.0.0.0:9000","schedule":{"digest_time":"06:45","escalate_after":4},
                  "telegram":{"rate":{"global_per_s":10}}})");
  ConfigInputs in = no_file();
  in.explicit_path = path;
  in.env["WGBOT_LISTEN"] = "127.0.0.1:0";
  in.env["WGBOT_SCHEDULE_NUDGE_OFFSETS_DAYS"] = "[2,0]";
  in.settings["schedule.escalate_after"] = "5";
  const auto loaded = load_config(in);
  EXPECT_EQ(loaded.config.listen_port, 0);
  EXPECT_EQ(loaded.config.schedule.digest_time, std::chrono::minutes(6 * 60 + 45));
  EXPECT_EQ(loaded.config.schedule.escalate_after, 5);
  EXPECT_EQ(loaded.config.schedule.nudge_offsets_days, (std::vector<int>{2, 0}));
  EXPECT_EQ(loaded.config.telegram.rate.global_per_s, 10);
  std::map<std::string, std::string> sources;
  for (const auto& r : loaded.report) sources[r.key] = r.source;
  EXPECT_EQ(sources["listen"], "env WGBOT_LISTEN");
  EXPECT_EQ(sources["schedule.digest_time"], "file " + path);
  EXPECT_EQ(sources["schedule.escalate_after"], "settings");
}

TEST(Config, UnknownKeyIsNamed) {
  TempDir dir;
  ConfigInputs in = no_file();
  in.explicit_path = dir.file("c.json");
  write(*in.explicit_path, R"({"telegram":{"tokn":"x"}})");
  EXPECT_NE(error_of(in).find("'telegram.tokn'"), std::string::npos) << error_of(in);
}

TEST(Config, WrongTypeIsNamed) {
  TempDir dir;
  ConfigInputs in = no_file();
  in.explicit_path = dir.file("c.json");
  write(*in.explicit_path, R"({"demo":"yes"})");
  EXPECT_NE(error_of(in).find("'demo'"), std::string::npos);
  ConfigInputs env = no_file();
  env.env["WGBOT_HTTP_MAX_CONNECTIONS"] = "many";
  EXPECT_NE(error_of(env).find("'http.max_connections'"), std::string::npos);
}

TEST(Config, BadListenAddressIsNamed) {
  ConfigInputs in = no_file();
  in.env["WGBOT_LISTEN"] = "localhost";
  EXPECT_NE(error_of(in).find("'listen'"), std::string::npos);
  in.env["WGBOT_LISTEN"] = "127.0.0.1:99999";
  EXPECT_NE(error_of(in).find("'listen'"), std::string::npos);
}

TEST(Config, MissingRequiredSecretIsNamed) {
  ConfigInputs in = no_file();
  in.env["WGBOT_ZALO_OA_APP_ID"] = "2871045937716548123";
  in.env["WGBOT_ZALO_OA_APP_SECRET"] = "s3cr3t-app";
  in.env["WGBOT_ZALO_OA_REFRESH_TOKEN"] = "refresh";
  EXPECT_NE(error_of(in).find("'zalo_oa.oa_secret'"), std::string::npos) << error_of(in);
}

TEST(Config, BadValuesAreNamed) {
  ConfigInputs in = no_file();
  in.env["WGBOT_TIMEZONE"] = "Mars/Olympus";
  EXPECT_NE(error_of(in).find("'timezone'"), std::string::npos);
  in = no_file();
  in.env["WGBOT_SCHEDULE_QUIET_HOURS"] = "21h-7h";
  EXPECT_NE(error_of(in).find("'schedule.quiet_hours'"), std::string::npos);
  in = no_file();
  in.env["WGBOT_SCHEDULE_HOLIDAYS"] = R"(["2026-02-30"])";
  EXPECT_NE(error_of(in).find("'schedule.holidays'"), std::string::npos);
}

TEST(Config, ExplicitFileThatDoesNotExistIsAnError) {
  ConfigInputs in = no_file();
  in.explicit_path = "/nonexistent/x.json";
  EXPECT_NE(error_of(in).find("does not exist"), std::string::npos);
}

TEST(Config, SecretsAreMaskedInTheReport) {
  ConfigInputs in = no_file();
  in.env["WGBOT_TELEGRAM_TOKEN"] = "123456:ABC-very-secret";
  const auto loaded = load_config(in);
  EXPECT_TRUE(loaded.config.telegram.enabled());
  for (const auto& r : loaded.report) {
    EXPECT_EQ(r.value.find("very-secret"), std::string::npos) << r.key;
  }
}

}  // namespace
}  // namespace wgbot

namespace wgbot {
namespace {

// Tokens travel in the API URLs: plain HTTP is for a loopback fake only, never a remote host.
TEST(Config, PlainHttpApiUrlsAreRefusedExceptOnLoopback) {
  for (const char* key : {"WGBOT_TELEGRAM_API_BASE_URL", "WGBOT_ZALO_BOT_API_BASE_URL",
                          "WGBOT_ZALO_OA_API_BASE_URL", "WGBOT_ZALO_OA_OAUTH_BASE_URL"}) {
    for (const char* url :
         {"http://api.telegram.org", "http://127.0.0.1.evil.example/", "http://localhost.evil.io",
          "http://10.0.0.7:8080", "http://user@127.0.0.1@evil.example/", "HTTP://api.example"}) {
      ConfigInputs in;
      in.working_dir_file = "/nonexistent/wgbot.json";
      in.env[key] = url;
      std::string error;
      try {
        load_config(in);
      } catch (const ConfigError& e) {
        error = e.what();
      }
      EXPECT_FALSE(error.empty()) << key << "=" << url;
    }
    for (const char* url : {"http://127.0.0.1:8081", "http://localhost:9000/base",
                            "http://[::1]:8443", "https://api.example.gov.vn"}) {
      ConfigInputs in;
      in.working_dir_file = "/nonexistent/wgbot.json";
      in.env[key] = url;
      EXPECT_NO_THROW(load_config(in)) << key << "=" << url;
    }
  }
}

}  // namespace
}  // namespace wgbot
