// /export: a CSV document (UTF-8 with BOM) that a CSV parser reads back with Vietnamese intact,
// or a summary and the CLI command where the platform sends no files. /settings: stored,
// checked, audited, and applied to what the scheduler plans with.
#include <gtest/gtest.h>

#include "bot/scheduler/scheduler.hpp"
#include "config/config_loader.hpp"
#include "config/settings_overlay.hpp"
#include "core/csv.hpp"
#include "handlers/admin/admin_handlers.hpp"
#include "storage/audit_repository.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "unit/task_test_bot.hpp"

namespace wgbot {
namespace {

using testing::TaskBotTest;

class Export : public TaskBotTest {
 protected:
  // Runs /export `args` as the admin on a platform with (or without) files.
  std::vector<Outgoing> run_export(const std::string& args, bool files) {
    return bot.writer().run([&](storage::Connection& db) {
      Inbound in = bot.message("/export " + args, id_of("admin"));
      const auto admin = storage::MemberRepository(db).by_handle("admin");
      Account account;
      account.platform = "telegram";
      HandlerContext ctx{db, bot.config(), bot.clock().now(), in, account, admin};
      ctx.capabilities.files = files;
      ctx.args = args;
      handle_export(ctx);
      return ctx.out;
    });
  }
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";

TEST_F(Export, MembersAsADocumentThatParsesBack) {
  const auto out = run_export("members", true);
  ASSERT_EQ(out.size(), 1U);
  const auto& file = out[0].file;
  EXPECT_EQ(file.kind, FileKind::document);
  EXPECT_EQ(file.name, "members.csv");
  EXPECT_EQ(file.content_type, "text/csv");
  ASSERT_TRUE(file.bytes.starts_with(kBom));
  EXPECT_NE(out[0].text.find("members.csv"), std::string::npos);
  const auto csv = parse_csv(file.bytes);
  ASSERT_TRUE(csv.error.empty()) << csv.error;
  const auto roster = bot.writer().run(
      [](storage::Connection& db) { return storage::MemberRepository(db).list_all(); });
  ASSERT_EQ(csv.rows.size(), roster.size() + 1);
  EXPECT_EQ(csv.rows[0].fields[0], "handle");  // the BOM is not part of the first field
  for (std::size_t i = 0; i < roster.size(); ++i) {
    const auto& f = csv.rows[i + 1].fields;
    EXPECT_EQ(f[0], roster[i].handle);
    EXPECT_EQ(f[1], roster[i].name);
    EXPECT_EQ(f[4], roster[i].title);
    EXPECT_EQ(f[5], roster[i].phone);
  }
  EXPECT_EQ(csv.rows[3].fields[1], "Lê Tự Lực");
  EXPECT_EQ(csv.rows[3].fields[4], "Phó Chánh Văn phòng UBND Thành phố");
}

TEST_F(Export, TasksWithCommasAndQuotesParseBack) {
  ask("quy", "/giao @hung @lan Rà soát \"Quy chế\", báo cáo số liệu hạn 15/12");
  const auto out = run_export("tasks", true);
  const auto csv = parse_csv(out.at(0).file.bytes);
  ASSERT_TRUE(csv.error.empty()) << csv.error;
  ASSERT_EQ(csv.rows.size(), 2U);
  const auto& header = csv.rows[0].fields;
  const auto& row = csv.rows[1].fields;
  ASSERT_EQ(row.size(), header.size());
  EXPECT_EQ(row[1], "Rà soát \"Quy chế\", báo cáo số liệu");
  EXPECT_EQ(row[4], "quy");
  EXPECT_EQ(row[5], "hung");
  EXPECT_EQ(row[6], "hung lan");
  EXPECT_EQ(row[8].substr(0, 10), "2026-12-15");
}

TEST_F(Export, NoFilesMeansASummaryAndTheCliCommand) {
  const auto out = run_export("tasks", false);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].file.kind, FileKind::none);
  EXPECT_NE(out[0].text.find("wgbot export tasks --out tasks.csv"), std::string::npos)
      << out[0].text;
  // Through the dispatcher on the console (no files capability) the same.
  bot.link("console", "con-admin", "admin");
  const auto reply = bot.ask("/export members", "con-admin", "console");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("wgbot export members"), std::string::npos) << reply[0];
  EXPECT_NE(ask("admin", "/export everything").find("/xuat tasks|members"), std::string::npos);
}

class Settings : public TaskBotTest {};

TEST_F(Settings, StoredCheckedAuditedAndAppliedToTheScheduler) {
  auto reader = storage::open_database(bot.config().db, storage::OpenMode::read_only);
  ConfigInputs inputs;
  inputs.working_dir_file = "/nonexistent/wgbot.json";
  const auto loaded = load_config(inputs);
  auto base = std::make_shared<const Config>(bot.config());
  scheduler::Scheduler scheduler(bot.writer(), base, bot.clock());
  scheduler.use_settings(std::make_shared<SettingsOverlay>(loaded.base_values, base));
  EXPECT_EQ(scheduler.config()->schedule.digest_time, std::chrono::minutes(7 * 60 + 30));

  auto reply = ask("admin", "/settings schedule.digest_time 06:45");
  EXPECT_NE(reply.find("schedule.digest_time"), std::string::npos) << reply;
  reply = ask("admin", "/settings schedule.nudge_offsets_days 5,2,0");
  scheduler.refresh_settings(*reader);
  EXPECT_EQ(scheduler.config()->schedule.digest_time, std::chrono::minutes(6 * 60 + 45));
  EXPECT_EQ(scheduler.config()->schedule.nudge_offsets_days, (std::vector<int>{5, 2, 0}));
  EXPECT_EQ(scheduler.config()->db, bot.config().db);  // the rest stays as loaded

  const auto audit = bot.writer().run(
      [](storage::Connection& db) { return storage::AuditRepository(db).recent(1); });
  EXPECT_EQ(audit[0].action, "settings");
  EXPECT_EQ(audit[0].target, "schedule.nudge_offsets_days");
  EXPECT_EQ(audit[0].after, "[5,2,0]");

  const auto settings_before = count("settings");
  EXPECT_NE(ask("admin", "/settings schedule.digest_time 25:00").find("schedule.digest_time"),
            std::string::npos);
  EXPECT_NE(ask("admin", "/settings telegram.token abc").find("telegram.token"), std::string::npos);
  EXPECT_NE(ask("admin", "/settings schedule.workdays mon,funday").find("schedule.workdays"),
            std::string::npos);
  EXPECT_EQ(count("settings"), settings_before);
  scheduler.refresh_settings(*reader);
  EXPECT_EQ(scheduler.config()->schedule.digest_time, std::chrono::minutes(6 * 60 + 45));

  const auto listing = ask("admin", "/settings");
  EXPECT_NE(listing.find("schedule.digest_time = \"06:45\""), std::string::npos) << listing;
  EXPECT_NE(listing.find("schedule.quiet_hours"), std::string::npos) << listing;
}

}  // namespace
}  // namespace wgbot
