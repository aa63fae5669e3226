#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <future>

#include "fakes/test_bot.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"

namespace wgbot {
namespace {

using testing::TestBot;

std::string joined(const std::vector<std::string>& texts) {
  std::string all;
  for (const auto& t : texts) all += t + "\n";
  return all;
}

TEST(Dispatcher, UnlinkedAccountGetsOnlyStartAndHelp) {
  TestBot bot;
  const auto help = joined(bot.ask("/help"));
  EXPECT_NE(help.find("/start"), std::string::npos);
  EXPECT_EQ(help.find("/whois"), std::string::npos) << help;
  EXPECT_EQ(help.find("/members"), std::string::npos);
  for (const char* cmd : {"/whois quy", "/members", "/units", "/whoami", "/lang en"}) {
    const auto reply = bot.ask(cmd);
    ASSERT_EQ(reply.size(), 1U) << cmd;
    EXPECT_NE(reply[0].find("chưa được liên kết"), std::string::npos) << cmd << ": " << reply[0];
    EXPECT_EQ(reply[0].find("0912"), std::string::npos);  // no phone numbers leak
  }
}

TEST(Dispatcher, WhoisIsDiacriticAndCaseInsensitive) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  for (const char* query : {"quy", "Quý", "ngo van quy", "NGÔ VĂN QUÝ", "@quy"}) {
    const auto reply = joined(bot.ask(std::string("/whois ") + query));
    EXPECT_NE(reply.find("Ngô Văn Quý"), std::string::npos) << query << ": " << reply;
    EXPECT_NE(reply.find("Phó Trưởng ban"), std::string::npos);
    EXPECT_NE(reply.find("0912 000 101"), std::string::npos);  // linked members see phones
  }
  EXPECT_NE(joined(bot.ask("/ai đỗ thị lan")).find("Đỗ Thị Lan"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/whois do thi lan")).find("Đỗ Thị Lan"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/whois không có ai")).find("Không tìm thấy"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/whois")).find("Cách dùng"), std::string::npos);
}

TEST(Dispatcher, MembersGroupedByRoleAndFiltered) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  const auto all = joined(bot.ask("/members"));
  EXPECT_LT(all.find("Trưởng ban:"), all.find("Phó Trưởng ban:"));
  EXPECT_NE(all.find("Ngô Văn Quý"), std::string::npos);
  const auto unit = joined(bot.ask("/thanhvien skhcn"));
  EXPECT_NE(unit.find("Phạm Quốc Hùng"), std::string::npos);
  EXPECT_EQ(unit.find("Ngô Văn Quý"), std::string::npos);
  // A short name means that unit only, not every unit whose name contains it.
  const auto ubnd = joined(bot.ask("/members ubnd"));
  EXPECT_NE(ubnd.find("Ngô Văn Quý"), std::string::npos) << ubnd;
  EXPECT_EQ(ubnd.find("Lê Tự Lực"), std::string::npos) << ubnd;  // Văn phòng UBND
  // Words of a full name, without diacritics.
  const auto snv = joined(bot.ask("/members so noi vu"));
  EXPECT_NE(snv.find("Đỗ Thị Lan"), std::string::npos) << snv;
  EXPECT_EQ(joined(bot.ask("/members oi vu")).find("Đỗ Thị Lan"), std::string::npos);  // not words
  const auto role = joined(bot.ask("/members staff"));
  EXPECT_NE(role.find("Bùi Đức Minh"), std::string::npos);
  EXPECT_EQ(role.find("Phạm Quốc Hùng"), std::string::npos);
  // Headers name the unit and the role in words, never their keys.
  EXPECT_NE(joined(bot.ask("/members snv")).find("**Thành viên — Sở Nội vụ ("), std::string::npos);
  EXPECT_NE(snv.find("**Thành viên — Sở Nội vụ ("), std::string::npos) << snv;
  EXPECT_NE(role.find("**Thành viên — Thành viên Tổ công tác ("), std::string::npos) << role;
  const auto member = joined(bot.ask("/members member"));
  EXPECT_NE(member.find("**Thành viên — Ủy viên ("), std::string::npos) << member;
  EXPECT_EQ(member.find("member"), std::string::npos) << member;
}

TEST(Dispatcher, WhoamiUnitsAndLanguage) {
  TestBot bot;
  bot.link("telegram", "u1", "quy");
  const auto me = joined(bot.ask("/whoami"));
  EXPECT_NE(me.find("Ngô Văn Quý (@quy)"), std::string::npos) << me;
  EXPECT_NE(me.find("Đơn vị: UBND Thành phố"), std::string::npos);
  const auto units = joined(bot.ask("/units"));
  EXPECT_NE(units.find("Sở Nội vụ (snv)"), std::string::npos) << units;
  EXPECT_NE(joined(bot.ask("/lang en")).find("English"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/whoami")).find("Role: Deputy Head"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/lang fr")).find("Usage"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/lang vi")).find("tiếng Việt"), std::string::npos);
}

TEST(Dispatcher, StartWithInviteCodeLinksOnce) {
  TestBot bot;
  bot.writer().run([](storage::Connection& db) {
    const auto luc = storage::MemberRepository(db).by_handle("luc");
    storage::InviteRepository(db).create("HN7Q2K", luc->id, 0, 1795662000 + 3600);
  });
  EXPECT_NE(joined(bot.ask("/start HN7Q2K", "u9")).find("Lê Tự Lực"), std::string::npos);
  EXPECT_NE(joined(bot.ask("/whoami", "u9")).find("@luc"), std::string::npos);
  // The code is used up: another account cannot take it.
  EXPECT_NE(joined(bot.ask("/start HN7Q2K", "u10")).find("không hợp lệ"), std::string::npos);
}

TEST(Dispatcher, ExpiredInviteIsRefused) {
  TestBot bot;
  bot.writer().run([](storage::Connection& db) {
    const auto luc = storage::MemberRepository(db).by_handle("luc");
    storage::InviteRepository(db).create("OLD123", luc->id, 0, 100);
  });
  EXPECT_NE(joined(bot.ask("/start OLD123")).find("hết hạn"), std::string::npos);
}

TEST(Dispatcher, UnknownCommandGetsOneLineAndHelpHint) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  const auto reply = bot.ask("/nosuch 1");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_EQ(reply[0], "Không có lệnh /nosuch. Gõ /help để xem các lệnh.");
}

TEST(Dispatcher, DuplicateUpdateIsProcessedOnce) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  const auto in = bot.message("/whoami");
  EXPECT_FALSE(bot.send(in).duplicate);
  EXPECT_TRUE(bot.send(in).duplicate);
  EXPECT_EQ(bot.pending("telegram", in.chat_id).size(), 1U);
}

TEST(Dispatcher, GroupChatterAndOtherBotsAreIgnored) {
  TestBot bot;
  bot.dispatcher().set_bot_username("telegram", "ToCongTacHN_bot");
  bot.link("telegram", "u1", "luc");
  auto chatter = bot.message("chào cả nhà");
  chatter.chat_kind = ChatKind::group;
  chatter.chat_id = "-100";
  EXPECT_EQ(bot.send(chatter).replies, 0U);
  auto other = bot.message("/whoami@OtherCityBot");
  other.chat_kind = ChatKind::group;
  other.chat_id = "-100";
  EXPECT_EQ(bot.send(other).replies, 0U);
  auto unknown = bot.message("/weather");
  unknown.chat_kind = ChatKind::group;
  unknown.chat_id = "-100";
  EXPECT_EQ(bot.send(unknown).replies, 0U);
  auto ours = bot.message("/whoami@ToCongTacHN_bot");
  ours.chat_kind = ChatKind::group;
  ours.chat_id = "-100";
  EXPECT_EQ(bot.send(ours).replies, 1U);
  const auto rows = bot.pending("telegram", "-100");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].message.reply_to_message_id, ours.message_id);  // addressed to the sender
}

TEST(Dispatcher, EditedMessagesAreNeverRun) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  auto edited = bot.message("/whoami");
  edited.kind = InboundKind::edited_message;
  const auto r = bot.send(edited);
  EXPECT_FALSE(r.duplicate);
  EXPECT_EQ(r.replies, 0U);
}

TEST(Dispatcher, PlainTextInPrivateGetsAHint) {
  TestBot bot;
  const auto reply = bot.ask("xin chào");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("/help"), std::string::npos);
}

TEST(Dispatcher, AHandlerFailureKeepsTheUpdateAndNothingHalfDone) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  bot.writer().run([](storage::Connection& db) {
    db.exec(
        "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'full'); "
        "END");
  });
  const auto in = bot.message("/lang en");
  const auto result = bot.send(in);
  EXPECT_TRUE(result.failed);
  const auto state = bot.writer().run([](storage::Connection& db) {
    return std::make_pair(
        db.execAndGet("SELECT status FROM inbox ORDER BY id DESC LIMIT 1").getString(),
        db.execAndGet("SELECT lang FROM members WHERE handle = 'luc'").getString());
  });
  EXPECT_EQ(state.first, "failed");  // stored, so a redelivery is a duplicate, not a rerun
  EXPECT_EQ(state.second, "");       // the language change was rolled back with the reply
  EXPECT_TRUE(bot.send(in).duplicate);
  // Without the fault, a failure still answers: the apology is all that is written.
  bot.writer().run([](storage::Connection& db) { db.exec("DROP TRIGGER fail_outbox"); });
  bot.writer().run([](storage::Connection& db) {
    db.exec(
        "CREATE TRIGGER fail_lang BEFORE UPDATE OF lang ON members BEGIN "
        "SELECT RAISE(ABORT, 'bug'); END");
  });
  const auto reply = bot.ask("/lang en");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("Xin lỗi"), std::string::npos);
}

// Updates handled as the webhook hands them over: in one batch run without savepoints, which a
// failing handler sends round again with them.
TEST(Dispatcher, AHandlerFailureInABatchWithoutSavepointsKeepsItsNeighboursOnce) {
  TestBot bot;
  bot.link("telegram", "u1", "luc");
  bot.link("telegram", "u2", "quy");
  bot.writer().run([](storage::Connection& db) {
    db.exec(
        "CREATE TRIGGER fail_lang BEFORE UPDATE OF lang ON members BEGIN "
        "SELECT RAISE(ABORT, 'bug'); END");
  });
  const std::vector<Inbound> updates = {bot.message("/whoami", "u2"), bot.message("/lang en"),
                                        bot.message("/whoami")};
  std::vector<std::promise<DispatchResult>> results(updates.size());
  {
    testing::WriterGate gate(bot.writer());
    for (std::size_t i = 0; i < updates.size(); ++i) {
      auto outcome = std::make_shared<DispatchResult>();
      bot.writer().submit(
          [&bot, &updates, i, outcome](storage::Connection& db) {
            *outcome = bot.dispatcher().process(db, updates[i]);
          },
          [&results, i, outcome](const storage::WriteResult& r) {
            EXPECT_TRUE(r.ok()) << r.error;
            results[i].set_value(*outcome);
          },
          storage::Rerun::safe);
    }
  }
  EXPECT_FALSE(results[0].get_future().get().failed);
  EXPECT_TRUE(results[1].get_future().get().failed);
  EXPECT_FALSE(results[2].get_future().get().failed);
  const auto counts = bot.writer().run([](storage::Connection& db) {
    return std::make_tuple(
        db.execAndGet("SELECT COUNT(*) FROM inbox").getInt(),
        db.execAndGet("SELECT COUNT(*) FROM inbox WHERE status = 'failed'").getInt(),
        db.execAndGet("SELECT COUNT(*) FROM outbox").getInt(),
        db.execAndGet("SELECT COUNT(*) FROM outbox WHERE body LIKE '%Xin lỗi%'").getInt());
  });
  EXPECT_EQ(std::get<0>(counts), 3);
  EXPECT_EQ(std::get<1>(counts), 1);
  EXPECT_EQ(std::get<2>(counts), 3);  // two answers and one apology, each once
  EXPECT_EQ(std::get<3>(counts), 1);
}

}  // namespace
}  // namespace wgbot
