// Invites and linking: an unguessable one-time code with a Telegram deep link, linked from
// another platform, refused when used, expired or wrong (without saying which members exist),
// and wrong codes throttled per account.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "handlers/admin/invite_code.hpp"
#include "storage/account_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/member_repository.hpp"
#include "unit/task_test_bot.hpp"

namespace wgbot {
namespace {

using testing::TaskBotTest;

class Invites : public TaskBotTest {
 protected:
  Invites() {
    bot.dispatcher().set_bot_username("telegram", "wg_assistant_bot");
    ask("admin", "/addmember name=\"Trịnh Văn Tuấn\" handle=tuan unit=snv role=staff");
  }

  // Asks for an invite for `handle` and returns the code it shows.
  std::string invite(const std::string& handle) {
    last_reply = ask("admin", "/invite @" + handle);
    std::smatch m;
    if (!std::regex_search(last_reply, m, std::regex(R"(/start ([A-Z2-9]{10}))"))) return "";
    return m[1];
  }

  std::string start(const std::string& code, const std::string& account,
                    const std::string& platform = "zalo_bot") {
    std::string all;
    for (const auto& t : bot.ask("/start " + code, account, platform)) all += t;
    return all;
  }

  std::size_t accounts_of(const std::string& handle) {
    return bot.writer().run([&](storage::Connection& db) {
      const auto m = storage::MemberRepository(db).by_handle(handle);
      return storage::AccountRepository(db).for_member(m->id).size();
    });
  }

  std::string last_reply;
};

TEST_F(Invites, CodeLinksAnotherPlatformOnceWithADeepLink) {
  const std::string code = invite("tuan");
  ASSERT_EQ(code.size(), 10U) << last_reply;
  EXPECT_NE(last_reply.find("https://t.me/wg_assistant_bot?start=" + code), std::string::npos)
      << last_reply;
  EXPECT_NE(start(code, "zb-1").find("Đã liên kết tài khoản với đ/c Trịnh Văn Tuấn"),
            std::string::npos);
  EXPECT_EQ(accounts_of("tuan"), 1U);
  EXPECT_NE(bot.ask("/whoami", "zb-1", "zalo_bot")[0].find("@tuan"), std::string::npos);

  // Used: refused, and the refusal names nobody.
  const auto reused = start(code, "zb-2");
  EXPECT_NE(reused.find("không hợp lệ hoặc đã hết hạn"), std::string::npos) << reused;
  EXPECT_EQ(reused.find("Tuấn"), std::string::npos) << reused;

  // One member may link several accounts; an account stays with its member.
  EXPECT_NE(start(invite("tuan"), "tg-new", "telegram").find("Trịnh Văn Tuấn"), std::string::npos);
  EXPECT_EQ(accounts_of("tuan"), 2U);
  EXPECT_NE(start(invite("lan"), "zb-1").find("đã được liên kết với đ/c Trịnh Văn Tuấn"),
            std::string::npos);

  const auto audit = bot.writer().run(
      [](storage::Connection& db) { return storage::AuditRepository(db).recent(50); });
  int invites = 0;
  int links = 0;
  for (const auto& e : audit) {
    invites += e.action == "invite" ? 1 : 0;
    links += e.action == "link" ? 1 : 0;
    EXPECT_EQ(e.after.find(code), std::string::npos) << "the code is not in the audit log";
  }
  EXPECT_EQ(invites, 3);
  EXPECT_EQ(links, 2);
}

TEST_F(Invites, ExpiresAfterSevenDays) {
  const std::string fresh = invite("tuan");
  const std::string old = invite("tuan");
  bot.clock().advance(std::chrono::hours(24 * 7) - std::chrono::seconds(1));
  EXPECT_NE(start(fresh, "zb-1").find("Trịnh Văn Tuấn"), std::string::npos);
  bot.clock().advance(std::chrono::seconds(2));
  EXPECT_NE(start(old, "zb-2").find("hết hạn"), std::string::npos);
  EXPECT_EQ(accounts_of("tuan"), 1U);
}

TEST_F(Invites, WrongCodesAreThrottledPerAccount) {
  const std::string code = invite("tuan");
  for (int i = 0; i < 5; ++i) {
    EXPECT_NE(start("WRONGCODE" + std::to_string(i), "zb-guess").find("không hợp lệ"),
              std::string::npos);
  }
  // Even the right code is not tried now: guessing learns nothing.
  EXPECT_NE(start(code, "zb-guess").find("sai mã nhiều lần"), std::string::npos);
  EXPECT_EQ(accounts_of("tuan"), 0U);
  // Another account is not held up.
  EXPECT_NE(start("WRONGCODE", "zb-other").find("không hợp lệ"), std::string::npos);
  bot.clock().advance(std::chrono::hours(1));
  EXPECT_NE(start(code, "zb-guess").find("Trịnh Văn Tuấn"), std::string::npos);
}

TEST_F(Invites, CodesAreTypedLooselyAndOnlyForActiveMembers) {
  std::string code = invite("tuan");
  std::string typed = code;
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(start(typed, "zb-1").find("Trịnh Văn Tuấn"), std::string::npos);
  const std::string for_lan = invite("lan");
  ask("admin", "/deactivate @lan");
  EXPECT_NE(start(for_lan, "zb-3").find("không hợp lệ"), std::string::npos);
  EXPECT_NE(ask("admin", "/invite @lan").find("ngừng hoạt động"), std::string::npos);
  EXPECT_NE(ask("admin", "/invite @nobody").find("@nobody"), std::string::npos);
}

TEST(InviteCode, UnguessableAlphabetAndLength) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto code = make_invite_code();
    EXPECT_TRUE(std::regex_match(code, std::regex("[A-HJ-NP-Z2-9]{10}"))) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200U);
}

}  // namespace
}  // namespace wgbot
