// Secrets stay out of the log: the real binary, every secret configured, a full run at debug
// level through all three platforms' fakes (start-up calls, webhooks with right and wrong
// secrets, replies sent with the tokens in their URLs, a token refresh), then the captured
// standard error and check-config's output are searched for each secret.
#include <signal.h>

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "fakes/fake_telegram.hpp"
#include "fakes/fake_zalo_bot.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/hostile_bot.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot::testing {
namespace {

unsigned short port_from_log(const std::string& log) {
  static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
  std::smatch m;
  if (!std::regex_search(log, m, kListening)) return 0;
  return static_cast<unsigned short>(std::stoi(m[1]));
}

TEST(HostileSecrets, NoConfiguredSecretReachesTheLogOfAFullRunOrCheckConfig) {
  TempDir dir;
  FakeTelegram telegram;
  FakeZaloBot zalo_bot;
  FakeZaloOa zalo_oa;
  const std::map<std::string, std::string> secrets = {
      {"WGBOT_TELEGRAM_TOKEN", std::string(FakeTelegram::kToken)},
      {"WGBOT_TELEGRAM_WEBHOOK_SECRET", kHostileTelegramSecret},
      {"WGBOT_ZALO_BOT_TOKEN", std::string(FakeZaloBot::kToken)},
      {"WGBOT_ZALO_BOT_WEBHOOK_SECRET", kHostileZaloSecret},
      {"WGBOT_ZALO_OA_APP_SECRET", std::string(FakeZaloOa::kAppSecret)},
      {"WGBOT_ZALO_OA_OA_SECRET", std::string(FakeZaloOa::kOaSecret)},
      {"WGBOT_ZALO_OA_REFRESH_TOKEN", std::string(FakeZaloOa::kSeedRefreshToken)},
  };
  std::map<std::string, std::string> env = secrets;
  env["WGBOT_DB"] = dir.file("wgbot.db");
  env["WGBOT_LISTEN"] = "127.0.0.1:0";
  env["WGBOT_PUBLIC_URL"] = "https://bot.example.gov.vn";
  env["WGBOT_LOG_LEVEL"] = "debug";
  env["WGBOT_TELEGRAM_API_BASE_URL"] = telegram.base_url();
  env["WGBOT_ZALO_BOT_API_BASE_URL"] = zalo_bot.base_url();
  env["WGBOT_ZALO_OA_APP_ID"] = std::string(FakeZaloOa::kAppId);
  env["WGBOT_ZALO_OA_API_BASE_URL"] = zalo_oa.base_url();
  env["WGBOT_ZALO_OA_OAUTH_BASE_URL"] = zalo_oa.base_url();

  Subprocess bot({"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY, "serve"}, env);
  const auto port = port_from_log(bot.read_stderr_until("listening on"));
  ASSERT_NE(port, 0) << bot.all_stderr();
  ASSERT_TRUE(telegram.wait_for("setWebhook", 1));
  ASSERT_TRUE(zalo_bot.wait_for("setWebhook", 1));

  auto post = [&](const WebhookTarget& target, const std::string& body,
                  const test::HeaderList& headers) {
    return test::http_request(port, "POST", target.path, body, headers).status;
  };
  int id = 700000;
  for (const WebhookTarget* target : {&telegram_target(), &zalo_bot_target(), &zalo_oa_target()}) {
    const std::string body = target->text("5300001", "/help", ++id);
    EXPECT_EQ(post(*target, body, target->auth(body)), 200) << target->name;
    // A near miss of each secret, which a careless log line would print beside the real one.
    test::HeaderList wrong = target->auth(body);
    for (auto& [name, value] : wrong) {
      if (name != "Content-Type") value += "x";
    }
    EXPECT_EQ(post(*target, body, wrong), 401) << target->name;
    EXPECT_EQ(post(*target, "{broken", target->auth("{broken")), 400) << target->name;
  }
  EXPECT_TRUE(telegram.wait_for("sendMessage", 1));
  EXPECT_TRUE(zalo_bot.wait_for("sendMessage", 1));
  EXPECT_TRUE(zalo_oa.wait_for_calls(FakeZaloOa::kSendPath, 1));
  EXPECT_EQ(test::http_request(port, "GET", "/metrics").status, 200);
  bot.signal(SIGTERM);
  EXPECT_EQ(bot.wait(), 0);
  const std::string log = bot.all_stderr();
  ASSERT_NE(log.find("event=http_listening"), std::string::npos) << log;
  for (const auto& [name, secret] : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << name << " is in the log:\n" << log;
  }
  for (const auto& token : zalo_oa.issued_access_tokens()) {
    EXPECT_EQ(log.find(token), std::string::npos) << "an issued access token is in the log";
  }

  const auto check =
      run_process({"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY, "check-config"}, env);
  EXPECT_EQ(check.code, 0) << check.err;
  for (const auto& [name, secret] : secrets) {
    EXPECT_EQ(check.out.find(secret), std::string::npos) << name << "\n" << check.out;
    EXPECT_EQ(check.err.find(secret), std::string::npos) << name << "\n" << check.err;
    EXPECT_NE(check.out.find("env " + name), std::string::npos) << check.out;
  }
}

}  // namespace
}  // namespace wgbot::testing
