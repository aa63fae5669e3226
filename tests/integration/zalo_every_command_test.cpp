// Every chat command, in Vietnamese and English names, sent through the Zalo Bot webhook and the
// Zalo OA webhook against their fake APIs: both platforms answer every step, nothing fails, and
// each member receives the very same texts on either (same handlers, same catalogue, plain text).
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_zalo_bot.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/zalo_bot_runtime.hpp"
#include "fakes/zalo_oa_bot.hpp"
#include "handlers/command_table.hpp"
#include "handlers/messages.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;

enum class Who { luc, hung, admin };

struct Step {
  Who who;
  std::string text;  // "{code}" is replaced by a fresh invite for the sender
};

// Lực (standing member) assigns and follows up; Hùng (a department's director) receives; the
// secretariat's admin runs the roster.
const std::vector<Step>& script() {
  static const std::vector<Step> kScript = {
      {Who::luc, "/start {code}"},
      {Who::hung, "/start {code}"},
      {Who::luc, "/help"},
      {Who::luc, "/trogiup"},
      {Who::luc, "/toila"},
      {Who::hung, "/whoami"},
      {Who::luc, "/thanhvien"},
      {Who::luc, "/members skhcn"},
      {Who::luc, "/ai quy"},
      {Who::hung, "/whois luc"},
      {Who::luc, "/donvi"},
      {Who::hung, "/units"},
      {Who::luc, "/giao @hung Rà soát hồ sơ cấp phép hạn 15/12"},
      {Who::luc, "/task @hung Tổng hợp báo cáo quý IV hạn 20/12"},
      {Who::luc, "/nv @thao Cập nhật danh mục dịch vụ công hạn 10/12"},
      {Who::hung, "/viec"},
      {Who::luc, "/tasks"},
      {Who::hung, "/danhan 1"},
      {Who::hung, "/ack 2"},
      {Who::hung, "/tiendo 1 Đã rà soát 40/120 hồ sơ"},
      {Who::hung, "/progress 2 Đang tổng hợp số liệu"},
      {Who::luc, "/giahan 1 18/12"},
      {Who::luc, "/due 2 22/12"},
      {Who::luc, "/chuyen 3 @hung"},
      {Who::luc, "/assign 3 @thao"},
      {Who::luc, "/huy 3"},
      {Who::luc, "/molai 3"},
      {Who::luc, "/cancel 3"},
      {Who::luc, "/reopen 3"},
      {Who::hung, "/xong 1"},
      {Who::hung, "/done 2"},
      {Who::luc, "/nhac 11h: gọi điện Sở Tài chính"},
      {Who::luc, "/remind 16:30 every weekday: tổng hợp tình hình"},
      {Who::luc, "/dsnhac"},
      {Who::luc, "/reminders"},
      {Who::luc, "/hoannhac 1 30 phút"},
      {Who::luc, "/snooze 1 10 min"},
      {Who::luc, "/huynhac 2"},
      {Who::luc, "/unremind 1"},
      {Who::hung, "/ngonngu en"},
      {Who::hung, "/tasks"},
      {Who::hung, "/lang vi"},
      {Who::luc, "/thongbao"},
      {Who::luc, "/notify here"},
      {Who::luc, "/khongcolenhnay"},
      {Who::luc, "chào trợ lý"},
      // the digest, for the leadership (a member is told it is not theirs)
      {Who::luc, "/baocao"},
      {Who::hung, "/digest"},
      // roster administration
      {Who::admin, "/start {code}"},
      {Who::admin, "/themdonvi name=\"Sở Thông tin và Truyền thông\" short=stttt"},
      {Who::admin, "/addmember name=\"Trần Văn Bình\" handle=binh unit=stttt role=member"},
      {Who::admin, "/suatv @binh title=\"Giám đốc Sở Thông tin và Truyền thông\""},
      {Who::admin, "/moi @binh"},
      {Who::admin, "/setrole @binh staff"},
      {Who::admin, "/quantri @binh on"},
      {Who::admin, "/admin @binh off"},
      {Who::admin, "/guichung Họp giao ban sáng thứ Hai lúc 8h tại phòng họp số 2"},
      {Who::admin, "/caidat"},
      // A time still ahead of the test clock (10:00): a past one would send the day's digest late,
      // at a moment that depends on the scheduler thread.
      {Who::admin, "/settings schedule.digest_time 17:45"},
      {Who::admin, "/xuat members"},
      {Who::admin, "/nhatky 5"},
      {Who::admin, "/audit"},
      {Who::admin, "/ngungtv @binh"},
      {Who::hung, "/deactivate @luc"},
  };
  return kScript;
}

// Waits (real time, for I/O) until `done` holds.
bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

struct Transcript {
  std::vector<std::string> to_luc;
  std::vector<std::string> to_hung;
  std::vector<std::string> to_admin;
  std::int64_t inbox_handled = 0;
  std::int64_t inbox_failed = 0;
  std::size_t photos = 0;
};

std::string with_code(const std::string& text, const std::function<std::string()>& invite) {
  const auto at = text.find("{code}");
  if (at == std::string::npos) return text;
  return text.substr(0, at) + invite();
}

// Runs the script through `say`, waiting for each step's replies to be sent before the next.
struct Users {
  std::string luc;
  std::string hung;
  std::string admin;
  [[nodiscard]] const std::string& of(Who who) const {
    return who == Who::luc ? luc : who == Who::hung ? hung : admin;
  }
};

std::string handle_of(Who who) {
  return who == Who::luc ? "luc" : who == Who::hung ? "hung" : "admin";
}

template <typename Bot>
void play(Bot& bot, const Users& users) {
  for (const Step& step : script()) {
    const std::string& user = users.of(step.who);
    const std::string handle = handle_of(step.who);
    const std::string text = with_code(step.text, [&] { return bot.invite(handle); });
    ASSERT_EQ(bot.say(user, text), 200) << text;
    ASSERT_TRUE(eventually([&] {
      return bot.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0;
    })) << text;
  }
}

Transcript through_zalo_bot() {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, "https://wgbot.example.vn");
  play(bot, Users{"u-luc", "u-hung", "u-admin"});
  Transcript t;
  // The digest's text is the caption of its chart on Zalo Bot (sent as a photo by URL).
  t.to_luc = fake.words_to("u-luc");
  t.to_hung = fake.words_to("u-hung");
  t.to_admin = fake.words_to("u-admin");
  t.photos = fake.photos_to("u-luc").size() + fake.photos_to("u-hung").size() +
             fake.photos_to("u-admin").size();
  t.inbox_handled = bot.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'handled'");
  t.inbox_failed = bot.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'");
  return t;
}

std::vector<std::string> texts_of(const std::vector<OaDelivered>& delivered) {
  std::vector<std::string> out;
  for (const auto& d : delivered) out.push_back(d.text);
  return out;
}

Transcript through_zalo_oa() {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  const std::string luc = "7301845529613370112";
  const std::string hung = "7301845529613370999";
  const std::string admin = "7301845529613370555";
  play(bot, Users{luc, hung, admin});
  Transcript t;
  t.to_luc = texts_of(fake.delivered_to(luc));
  t.to_hung = texts_of(fake.delivered_to(hung));
  t.to_admin = texts_of(fake.delivered_to(admin));
  t.inbox_handled = bot.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'handled'");
  t.inbox_failed = bot.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'");
  return t;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(ZaloEveryCommand, TheScriptNamesEveryCommandOfTheTable) {
  for (const CommandSpec& spec : command_table()) {
    bool named = false;
    for (const Step& step : script()) {
      const std::string word = step.text.substr(1, step.text.find(' ') - 1);
      if (word == spec.name) named = true;
      for (auto alias : spec.aliases) {
        if (word == alias) named = true;
      }
    }
    EXPECT_TRUE(named) << "/" << spec.name << " is never tried";
  }
}

TEST(ZaloEveryCommand, ZaloBotAndZaloOaAnswerEveryCommandWithTheSameTexts) {
  const Transcript bot = through_zalo_bot();
  const Transcript oa = through_zalo_oa();
  const auto steps = static_cast<std::int64_t>(script().size());
  EXPECT_EQ(bot.inbox_handled, steps);
  EXPECT_EQ(oa.inbox_handled, steps);
  EXPECT_EQ(bot.inbox_failed, 0);
  EXPECT_EQ(oa.inbox_failed, 0);
  EXPECT_GE(bot.photos, 1U);  // the digest's chart (Zalo OA sends its text alone)
  EXPECT_EQ(oa.photos, 0U);

  for (const Who who : {Who::luc, Who::hung, Who::admin}) {
    std::size_t steps_of = 0;
    for (const Step& step : script()) steps_of += step.who == who ? 1 : 0;
    const auto& texts = who == Who::luc    ? bot.to_luc
                        : who == Who::hung ? bot.to_hung
                                           : bot.to_admin;
    EXPECT_GE(texts.size(), steps_of) << handle_of(who);
  }
  // The admin's broadcast reached the two linked members on both platforms.
  const auto heard = [](const std::vector<std::string>& texts) {
    int n = 0;
    for (const auto& t : texts) n += contains(t, "phòng họp số 2") ? 1 : 0;
    return n;
  };
  EXPECT_EQ(heard(bot.to_luc), 1);
  EXPECT_EQ(heard(oa.to_hung), 1);

  const std::string apology(text(Lang::vi, Msg::internal_error));
  for (const auto* texts : {&bot.to_luc, &bot.to_hung, &bot.to_admin, &oa.to_admin}) {
    for (const auto& t : *texts) EXPECT_FALSE(contains(t, apology)) << t;
  }
  // Only the one made-up command is unknown.
  int unknown = 0;
  for (const auto& t : bot.to_luc) unknown += contains(t, "/khongcolenhnay") ? 1 : 0;
  EXPECT_EQ(unknown, 1);

  // /whoami names the member's account by its platform's name: the one line that differs.
  const std::string linked = "Tài khoản liên kết: ";
  const auto rename = [&](std::vector<std::string>& texts) {
    int found = 0;
    for (auto& t : texts) {
      const auto at = t.find(linked + "Zalo OA");
      if (at == std::string::npos) continue;
      t.replace(at, linked.size() + 7, linked + "Zalo");
      ++found;
    }
    return found;
  };
  Transcript oa_renamed = oa;
  EXPECT_EQ(rename(oa_renamed.to_luc), 1);
  EXPECT_EQ(rename(oa_renamed.to_hung), 1);
  EXPECT_EQ(bot.to_luc, oa_renamed.to_luc);
  EXPECT_EQ(bot.to_hung, oa_renamed.to_hung);
}

}  // namespace
}  // namespace wgbot::testing
