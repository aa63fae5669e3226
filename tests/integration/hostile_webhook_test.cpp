// Hostile input against the running bot, for each webhook platform (Telegram, Zalo Bot with its
// secret header, Zalo OA with its MAC): real HTTP over loopback to the bot's listener. Every
// case checks the documented status, that the server still answers, and that the database is
// unchanged where nothing should have been stored.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/captured_log.hpp"
#include "fakes/hostile_bot.hpp"
#include "handlers/input_limits.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {
namespace {

using nlohmann::json;

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

class HostileWebhook : public ::testing::TestWithParam<const WebhookTarget*> {
 protected:
  static void SetUpTestSuite() { bot_ = new HostileBot(); }
  static void TearDownTestSuite() {
    delete bot_;
    bot_ = nullptr;
  }

  static HostileBot& bot() { return *bot_; }
  static const WebhookTarget& target() { return *GetParam(); }

  // A user id of the right shape for the platform (Telegram's are integers).
  static std::string user(int n) { return std::to_string(5100000 + n); }

  // A text message from a fresh message id.
  static std::string text_body(const std::string& from, const std::string& text) {
    return target().text(from, text, bot().next_id());
  }

  static long long rejected(const std::string& reason) {
    const auto page = test::http_request(bot().port(), "GET", "/metrics").body;
    const std::string key = "wgbot_updates_rejected_total{platform=\"" + target().name +
                            "\",reason=\"" + reason + "\"} ";
    const auto pos = page.find(key);
    return pos == std::string::npos ? -1 : std::stoll(page.substr(pos + key.size()));
  }

  // The replies stored for `chat` (their JSON bodies), oldest first.
  static std::vector<std::string> replies_to(const std::string& chat) {
    const auto count = bot().query_int("SELECT COUNT(*) FROM outbox WHERE platform = '" +
                                       target().name + "' AND chat_id = '" + chat + "'");
    std::vector<std::string> out;
    for (std::int64_t i = 0; i < count; ++i) {
      out.push_back(bot().query_text("SELECT body FROM outbox WHERE platform = '" + target().name +
                                     "' AND chat_id = '" + chat + "' ORDER BY id LIMIT 1 OFFSET " +
                                     std::to_string(i)));
    }
    return out;
  }

  // Links `from` to the demo roster's admin through an invite, over the webhook.
  static void link_admin(const std::string& from) {
    ASSERT_EQ(bot().post(target(), text_body(from, "/start " + bot().invite("admin"))).status, 200);
  }

  static HostileBot* bot_;
};

HostileBot* HostileWebhook::bot_ = nullptr;

TEST_P(HostileWebhook, MissingOrWrongAuthenticationIs401AndStoresNothing) {
  const std::string before = bot().state_counts();
  const auto counted = rejected("unauthorized");
  const std::string body = text_body(user(1), "/help");
  // No authentication at all.
  EXPECT_EQ(bot().post(target(), body, {{"Content-Type", "application/json"}}).status, 401);
  // A wrong secret or MAC of the right shape.
  test::HeaderList wrong = target().auth(body);
  for (auto& [name, value] : wrong) {
    if (name != "Content-Type") value.back() = value.back() == '0' ? '1' : '0';
  }
  EXPECT_EQ(bot().post(target(), body, wrong).status, 401);
  // Right for other bytes: the body changed after it was signed (same secret for the others).
  const auto other = target().auth(body + " ");
  const int expected_other = target().name == "zalo_oa" ? 401 : 200;
  EXPECT_EQ(bot().post(target(), body, other).status, expected_other);
  if (expected_other == 200) return;  // a secret header does not cover the body
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_EQ(rejected("unauthorized"), counted + 3);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, ADeclaredBodyOverTheLimitIs413) {
  const std::string before = bot().state_counts();
  const auto counted = rejected("too_large");
  const std::string body = "{\"pad\":\"" + std::string(HostileBot::kMaxBody, 'a') + "\"}";
  EXPECT_EQ(bot().post(target(), body).status, 413);
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_EQ(rejected("too_large"), counted + 1);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, AChunkedBodyOverTheLimitIs413) {
  const std::string before = bot().state_counts();
  test::HttpTestConnection conn(bot().port());
  ASSERT_TRUE(conn.connected());
  std::string request = "POST " + target().path +
                        " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        "Content-Type: application/json\r\n";
  for (const auto& [name, value] : target().auth("{}")) {
    if (name != "Content-Type") request += name + ": " + value + "\r\n";
  }
  request += "\r\n";
  const std::string chunk(64 * 1024, 'b');
  for (std::size_t sent = 0; sent <= HostileBot::kMaxBody; sent += chunk.size()) {
    request += "10000\r\n" + chunk + "\r\n";
  }
  request += "0\r\n\r\n";
  EXPECT_EQ(conn.send_raw(request).status, 413);
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, MalformedTruncatedAndNonUpdateJsonIs400) {
  const std::string before = bot().state_counts();
  const auto counted = rejected("malformed");
  const std::string valid = text_body(user(2), "/help");
  const std::vector<std::string> bodies = {
      "",   "{",    "not json",      valid.substr(0, valid.size() / 2), valid + "}", "[]",
      "42", "null", "\"an update\"", "{\"a\":1,\"a\":" /* cut */,
  };
  for (const auto& body : bodies) {
    EXPECT_EQ(bot().post(target(), body).status, 400) << body;
  }
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_EQ(rejected("malformed"), counted + static_cast<long long>(bodies.size()));
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, DeeplyNestedJsonIsRefusedOrReadAsAbsent) {
  const std::string before = bot().state_counts();
  const std::size_t depth = 200000;
  const std::string nested = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(bot().post(target(), nested).status, 400);
  EXPECT_EQ(bot().post(target(), std::string(depth, '[')).status, 400);  // never closed
  EXPECT_EQ(bot().state_counts(), before);
  // The same depth where the text should be: the text is read as absent, and answered.
  std::string body = text_body(user(3), "PLACEHOLDER");
  body.replace(body.find("\"PLACEHOLDER\""), 13, nested);
  EXPECT_EQ(bot().post(target(), body).status, 200);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, InvalidUtf8Is400) {
  const std::string before = bot().state_counts();
  for (const std::string& bad : {std::string("\xff\xfe/help"), std::string("ok \xc3\x28 bad"),
                                 std::string("\xed\xa0\x80 surrogate")}) {
    std::string body = text_body(user(4), "PLACEHOLDER");
    body.replace(body.find("PLACEHOLDER"), 11, bad);
    EXPECT_EQ(bot().post(target(), body).status, 400);
  }
  std::string escaped = text_body(user(4), "PLACEHOLDER");
  escaped.replace(escaped.find("PLACEHOLDER"), 11, "\\ud800 lone surrogate");
  EXPECT_EQ(bot().post(target(), escaped).status, 400);
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, UnknownUpdateTypesAre200AndStoreNothing) {
  const std::string before = bot().state_counts();
  std::string body;
  if (target().name == "telegram") {
    body = json{{"update_id", bot().next_id()}, {"poll", {{"id", "1"}}}}.dump();
  } else if (target().name == "zalo_bot") {
    body = json{{"ok", true}, {"result", {{"event_name", "message.unknown.received"}}}}.dump();
  } else {
    body = json{{"event_name", "user_send_hologram"}, {"timestamp", "1795662000000"}}.dump();
  }
  EXPECT_EQ(bot().post(target(), body).status, 200);
  EXPECT_EQ(bot().state_counts(), before);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, LongTextsAreAnsweredWithoutHarm) {
  const std::string from = user(5);
  for (const std::size_t size : {4096U, 4097U, 20000U}) {
    EXPECT_EQ(bot().post(target(), text_body(from, std::string(size, 'x'))).status, 200);
  }
  // An unlinked user is told once per message how to begin; the long text is not echoed.
  const auto replies = replies_to(from);
  ASSERT_EQ(replies.size(), 3U);
  for (const auto& reply : replies) EXPECT_LT(reply.size(), 2000U);
  EXPECT_TRUE(bot().healthy());
}

TEST_P(HostileWebhook, AnUnknownInviteCodeIsEchoedCappedInOneMessage) {
  const std::string from = user(6);
  const std::string code(10000, 'Q');
  EXPECT_EQ(bot().post(target(), text_body(from, "/start " + code)).status, 200);
  const auto replies = replies_to(from);
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_NE(replies[0].find(std::string(kMaxEchoChars, 'Q') + "…"), std::string::npos)
      << replies[0];
  EXPECT_EQ(replies[0].find(std::string(kMaxEchoChars + 1, 'Q')), std::string::npos);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM accounts WHERE member_id IS NOT NULL AND "
                            "platform_user_id = '" +
                            from + "'"),
            0);
}

TEST_P(HostileWebhook, TitlesWithEmojiCombiningMarksAndSqlAreStoredAsWritten) {
  const std::string from = user(7);
  link_admin(from);
  const std::vector<std::string> titles = {
      "Báo cáo 📊 tiến độ 👩‍💻 quý IV 🇻🇳",
      "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t co\xcc\x81 da\xcc\x82\xcc\x81u "
      "to\xcc\x82\xcc\x89 "
      "ho\xcc\x9b\xcc\xa3p",
  };
  // SQL-looking titles: whatever the title parser trims (quotes are also how a title is
  // written, and edge punctuation goes), the SQL in them is stored as text.
  const std::vector<std::pair<std::string, std::string>> quoted = {
      {"x; DROP TABLE tasks; --", "x; DROP TABLE tasks"},
      {"1 OR 1=1; DELETE FROM members WHERE 1=1; --", "1 OR 1=1; DELETE FROM members WHERE 1=1"},
      {"'); DROP TABLE tasks; --", "'); DROP TABLE tasks"},
      {"Robert\"); DELETE FROM members WHERE 1=1; --", "Robert\"); DELETE FROM members WHERE 1=1"},
  };
  const auto count_titles = [&](const std::string& sql, const std::string& value) {
    return bot().runtime().writer().run([&](storage::Connection& db) {
      SQLite::Statement q(db, sql);
      q.bind(1, value);
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  };
  const auto members = bot().query_int("SELECT COUNT(*) FROM members");
  std::vector<std::int64_t> before;
  for (const auto& title : titles) {
    before.push_back(count_titles("SELECT COUNT(*) FROM tasks WHERE title = ?", title));
  }
  for (const auto& title : titles) {
    ASSERT_EQ(bot().post(target(), text_body(from, "/giao " + title)).status, 200) << title;
  }
  for (std::size_t i = 0; i < titles.size(); ++i) {
    EXPECT_EQ(count_titles("SELECT COUNT(*) FROM tasks WHERE title = ?", titles[i]), before[i] + 1)
        << titles[i];
  }
  for (const auto& [title, fragment] : quoted) {
    const auto had = count_titles("SELECT COUNT(*) FROM tasks WHERE instr(title, ?) > 0", fragment);
    ASSERT_EQ(bot().post(target(), text_body(from, "/giao " + title)).status, 200) << title;
    EXPECT_EQ(count_titles("SELECT COUNT(*) FROM tasks WHERE instr(title, ?) > 0", fragment),
              had + 1)
        << title;
  }
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM members"), members);
}

TEST_P(HostileWebhook, AnOverlongTitleIsRefusedInOneLine) {
  const std::string from = user(8);
  link_admin(from);
  const auto tasks = bot().query_int("SELECT COUNT(*) FROM tasks");
  const auto replies = replies_to(from).size();
  EXPECT_EQ(bot().post(target(), text_body(from, "/giao " + std::string(9000, 't'))).status, 200);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks"), tasks);
  const auto after = replies_to(from);
  ASSERT_EQ(after.size(), replies + 1);
  EXPECT_NE(after.back().find(std::to_string(kMaxTitleChars)), std::string::npos) << after.back();
  EXPECT_EQ(after.back().find("tttttttttt"), std::string::npos);
  // At the limit it is accepted.
  EXPECT_EQ(
      bot().post(target(), text_body(from, "/giao " + std::string(kMaxTitleChars, 'k'))).status,
      200);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks"), tasks + 1);
}

// A field we read, replaced by a value of another type, and the status that earns: 400 where
// the update cannot be stored or answered, else 200 with the field read as absent.
struct WrongType {
  const char* platform;
  const char* pointer;
  json value;
  int status;
};

const std::vector<WrongType>& wrong_types() {
  static const std::vector<WrongType> kCases = {
      {"telegram", "/update_id", "12", 400},
      {"telegram", "/message", json::array(), 200},
      {"telegram", "/message/text", 42, 200},
      {"telegram", "/message/chat", json::array({1, 2}), 200},
      {"telegram", "/message/chat/id", json::object(), 200},
      {"telegram", "/message/chat/type", 7, 200},
      {"telegram", "/message/from", "someone", 200},
      {"telegram", "/message/from/id", json::array(), 200},
      {"telegram", "/message/from/first_name", 3.5, 200},
      {"telegram", "/message/message_id", json::array(), 200},
      {"telegram", "/message/date", "yesterday", 200},
      {"zalo_bot", "/result/event_name", 9, 200},
      {"zalo_bot", "/result/message", "text", 400},
      {"zalo_bot", "/result/message/text", 42, 200},
      {"zalo_bot", "/result/message/chat", json::array(), 400},
      {"zalo_bot", "/result/message/chat/id", json::object(), 400},
      {"zalo_bot", "/result/message/from", 1, 200},
      {"zalo_bot", "/result/message/from/display_name", json::array(), 200},
      {"zalo_bot", "/result/message/message_id", json::object(), 400},
      {"zalo_bot", "/result/message/date", "today", 200},
      {"zalo_oa", "/event_name", 1, 400},
      {"zalo_oa", "/sender", "x", 400},
      {"zalo_oa", "/sender/id", json::array(), 400},
      {"zalo_oa", "/message", 5, 200},
      {"zalo_oa", "/message/text", 42, 200},
      {"zalo_oa", "/message/msg_id", json::object(), 200},
  };
  return kCases;
}

TEST_P(HostileWebhook, WrongTypesInEveryFieldReadAreAnsweredAndLoggedOncePerField) {
  CapturedLog log;
  const auto tasks = bot().query_int("SELECT COUNT(*) FROM tasks");
  int n = 0;
  for (const auto& c : wrong_types()) {
    if (target().name != c.platform) continue;
    for (int repeat = 0; repeat < 2; ++repeat) {
      json body = json::parse(text_body(user(20 + n), "/giao " + std::string(c.pointer)));
      body[json::json_pointer(c.pointer)] = c.value;
      EXPECT_EQ(bot().post(target(), body.dump()).status, c.status) << c.pointer;
    }
    ++n;
  }
  ASSERT_GT(n, 0);
  EXPECT_EQ(bot().query_int("SELECT COUNT(*) FROM tasks"), tasks);
  const std::string text = log.text();
  for (const auto& c : wrong_types()) {
    if (target().name != c.platform || c.status != 200) continue;
    std::string field = std::string(c.pointer).substr(1);
    if (field.starts_with("result/")) field = field.substr(7);
    for (char& ch : field) ch = ch == '/' ? '.' : ch;
    // Logged once per field; message.text may have been logged by an earlier case of the
    // suite's shared bot (the deeply nested text), before this log was captured.
    const auto lines = occurrences(
        text, "event=webhook_wrong_type platform=" + target().name + " field=" + field + " ");
    if (field == "message.text") {
      EXPECT_LE(lines, 1U) << field;
    } else {
      EXPECT_EQ(lines, 1U) << field << "\n" << text;
    }
  }
  EXPECT_TRUE(bot().healthy());
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileWebhook,
                         ::testing::Values(&telegram_target(), &zalo_bot_target(),
                                           &zalo_oa_target()),
                         [](const ::testing::TestParamInfo<const WebhookTarget*>& info) {
                           return info.param->name;
                         });

}  // namespace
}  // namespace wgbot::testing
