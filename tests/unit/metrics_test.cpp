// The /metrics page: every line in the Prometheus text format, the families operators alert on,
// and the gauges read from the database.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "core/metrics.hpp"
#include "fakes/prometheus_text.hpp"
#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/metrics_gauges.hpp"
#include "storage/migrations.hpp"

namespace wgbot {
namespace {

using testing::parse_prometheus_text;

std::string errors_of(const testing::PromPage& page) {
  std::string all;
  for (const auto& e : page.errors) all += e + "\n";
  return all;
}

TEST(PrometheusText, TheReaderRejectsWhatScrapersReject) {
  EXPECT_FALSE(parse_prometheus_text("a 1\n").errors.empty());  // no TYPE
  EXPECT_FALSE(parse_prometheus_text("# TYPE a gauge\na{x=1} 1\n").errors.empty());
  EXPECT_FALSE(parse_prometheus_text("# TYPE a gauge\na one\n").errors.empty());
  EXPECT_FALSE(parse_prometheus_text("# TYPE a gauge\na 1").errors.empty());  // no last \n
  EXPECT_FALSE(parse_prometheus_text("# TYPE a gauge\na 1\na 2\n").errors.empty());
  EXPECT_FALSE(parse_prometheus_text("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                                     "h_bucket{le=\"+Inf\"} 1\nh_sum 0\nh_count 1\n")
                   .errors.empty());
  const auto ok =
      parse_prometheus_text("# HELP a The a.\n# TYPE a counter\na{p=\"x\",q=\"y \\\"z\\\"\"} 3\n");
  EXPECT_TRUE(ok.errors.empty()) << errors_of(ok);
  EXPECT_EQ(ok.value("a", {{"p", "x"}, {"q", "y \\\"z\\\""}}), 3);
}

TEST(MetricsPage, EveryLineParsesAndEveryFamilyIsThere) {
  Metrics m;
  m.add_platform("telegram");
  m.update_received("telegram");
  m.update_received("zalo_bot");
  m.update_duplicated("telegram");
  m.update_rejected("zalo_bot", RejectReason::unauthorized);
  m.send_result("telegram", SendResult::sent);
  m.send_result("telegram", SendResult::rate_limited);
  m.send_result("telegram", SendResult::rate_limited);
  m.send_result("zalo_bot", SendResult::error);
  m.observe_handler_seconds(0.002);
  m.observe_handler_seconds(0.7);
  m.fired(FiredKind::reminder, 3);
  m.fired(FiredKind::escalation, 1);
  Metrics::Gauges g;
  g.outbox_depth = 4;
  g.outbox_oldest_age_seconds = 90;
  g.reminders_due = 2;
  g.nudges_due = 5;
  g.digest_last_sent_seconds = 1795662000;
  g.database_bytes = 4096;

  const auto page = parse_prometheus_text(m.render(g));
  ASSERT_TRUE(page.errors.empty()) << errors_of(page);
  for (const auto* family :
       {"wgbot_updates_received_total", "wgbot_updates_duplicated_total",
        "wgbot_updates_rejected_total", "wgbot_handler_seconds", "wgbot_outbox_depth",
        "wgbot_outbox_oldest_age_seconds", "wgbot_sends_total", "wgbot_send_rate_limited_total",
        "wgbot_reminders_due", "wgbot_nudges_due", "wgbot_scheduler_fired_total",
        "wgbot_digest_last_sent_timestamp_seconds", "wgbot_database_bytes"}) {
    EXPECT_TRUE(page.types.contains(family)) << family;
    EXPECT_TRUE(page.help.contains(family)) << family;
  }
  EXPECT_EQ(page.value("wgbot_updates_received_total", {{"platform", "zalo_bot"}}), 1);
  EXPECT_EQ(page.value("wgbot_sends_total", {{"platform", "telegram"}, {"result", "sent"}}), 1);
  EXPECT_EQ(page.value("wgbot_sends_total", {{"platform", "telegram"}, {"result", "rate_limited"}}),
            2);
  EXPECT_EQ(page.value("wgbot_send_rate_limited_total", {{"platform", "telegram"}}), 2);
  EXPECT_EQ(page.value("wgbot_sends_total", {{"platform", "zalo_bot"}, {"result", "error"}}), 1);
  EXPECT_EQ(page.value("wgbot_scheduler_fired_total", {{"kind", "reminder"}}), 3);
  EXPECT_EQ(page.value("wgbot_scheduler_fired_total", {{"kind", "nudge"}}), 0);
  EXPECT_EQ(page.value("wgbot_scheduler_fired_total", {{"kind", "escalation"}}), 1);
  EXPECT_EQ(page.value("wgbot_handler_seconds_count"), 2);
  EXPECT_EQ(page.value("wgbot_handler_seconds_bucket", {{"le", "0.0025"}}), 1);
  EXPECT_EQ(page.value("wgbot_handler_seconds_bucket", {{"le", "+Inf"}}), 2);
  EXPECT_EQ(page.value("wgbot_outbox_oldest_age_seconds"), 90);
  EXPECT_EQ(page.value("wgbot_nudges_due"), 5);
  EXPECT_EQ(page.value("wgbot_digest_last_sent_timestamp_seconds"), 1795662000);
  EXPECT_EQ(page.value("wgbot_database_bytes"), 4096);
}

TEST(MetricsGauges, ReadFromTheDatabase) {
  testing::TempDir dir;
  auto db = storage::open_database(dir.file("wgbot.db"));
  storage::migrate(*db);
  db->exec("PRAGMA foreign_keys=OFF");  // rows without their members: only counts matter here
  const std::int64_t now = 1795662000;

  auto empty = storage::read_database_gauges(*db, now);
  EXPECT_EQ(empty.outbox_depth, 0);
  EXPECT_EQ(empty.outbox_oldest_age_seconds, 0);
  EXPECT_EQ(empty.digest_last_sent, 0);
  EXPECT_GT(empty.database_bytes, 0);

  auto insert = [&](const char* sql, std::int64_t a) {
    SQLite::Statement q(*db, sql);
    q.bind(1, a);
    q.exec();
  };
  insert("INSERT INTO outbox (platform, chat_id, body, created_at) VALUES ('t','1','{}',?)",
         now - 300);
  insert("INSERT INTO outbox (platform, chat_id, body, created_at) VALUES ('t','1','{}',?)",
         now - 20);
  insert(
      "INSERT INTO outbox (platform, chat_id, body, created_at, status) "
      "VALUES ('t','1','{}',?, 'sent')",
      now - 9000);
  insert(
      "INSERT INTO reminders (member_id, platform, chat_id, text, start_at, next_at, "
      "created_at) VALUES (1,'t','1','x',0,?,0)",
      now - 1);
  insert(
      "INSERT INTO reminders (member_id, platform, chat_id, text, start_at, next_at, "
      "created_at) VALUES (1,'t','1','x',0,?,0)",
      now + 3600);
  insert("INSERT INTO tasks (title, assigner_id, created_at, nudge_at) VALUES ('a',1,0,?)", now);
  insert("INSERT INTO tasks (title, assigner_id, created_at, nudge_at) VALUES ('b',1,0,?)",
         now + 60);
  insert("INSERT INTO digests_sent (day, member_id, sent_at) VALUES ('2026-12-04',1,?)",
         now - 86400);
  insert("INSERT INTO digests_sent (day, member_id, sent_at) VALUES ('2026-12-05',1,?)", now - 600);

  const auto g = storage::read_database_gauges(*db, now);
  EXPECT_EQ(g.outbox_depth, 2);
  EXPECT_EQ(g.outbox_oldest_age_seconds, 300);
  EXPECT_EQ(g.reminders_due, 1);
  EXPECT_EQ(g.nudges_due, 1);
  EXPECT_EQ(g.digest_last_sent, now - 600);
  EXPECT_EQ(g.database_bytes, db->execAndGet("PRAGMA page_count").getInt64() *
                                  db->execAndGet("PRAGMA page_size").getInt64());
}

}  // namespace
}  // namespace wgbot
