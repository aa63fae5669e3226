// Per-chat lanes of the outbox and the Bot API answer -> delivery decision, without a network.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "bot/outbound/pending_outbox.hpp"
#include "bot/telegram/api_result.hpp"
#include "bot/telegram/telegram_delivery.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox_lanes.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot::storage {
namespace {

class OutboxLanesTest : public ::testing::Test {
 protected:
  OutboxLanesTest() : db_(open_database(dir_.file("a.db"))) { migrate(*db_); }

  std::int64_t add(const std::string& chat, OutKind kind = OutKind::message, std::int64_t at = 0) {
    Outgoing m;
    m.kind = kind;
    m.platform = "telegram";
    m.chat_id = chat;
    m.text = "x";
    return OutboxRepository(*db_).enqueue(m, at);
  }

  // The heads a sender would see: every pending row read into its memory, then each lane's
  // oldest, earliest next attempt first.
  std::vector<storage::LaneHead> heads() {
    PendingOutbox pending{PendingLimits{}};
    pending.add(OutboxLanes(*db_).pending_after("telegram", 0, 100));
    std::vector<storage::LaneHead> out;
    for (const auto* h : pending.heads(100)) out.push_back(*h);
    return out;
  }

  std::vector<std::int64_t> head_ids() {
    std::vector<std::int64_t> ids;
    for (const auto& h : heads()) ids.push_back(h.row.id);
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Connection> db_;
};

TEST_F(OutboxLanesTest, OnlyTheOldestPendingRowOfEachChatIsAHead) {
  const auto a1 = add("1");
  add("1");
  const auto b1 = add("-2");
  const auto cb = add("1", OutKind::callback_answer);  // its own lane: not behind chat 1's text
  EXPECT_EQ(head_ids(), (std::vector<std::int64_t>{a1, b1, cb}));
  OutboxRepository(*db_).mark_sent(a1, 0);
  EXPECT_EQ(head_ids().size(), 3u);
  EXPECT_NE(head_ids().front(), a1);
}

TEST_F(OutboxLanesTest, AHeadWaitingForItsRetryHoldsItsChatBack) {
  const auto a1 = add("1");
  add("1");
  const auto b1 = add("2");
  OutboxRepository(*db_).mark_retry(a1, 500, "HTTP 502");
  const auto lane_heads = heads();
  ASSERT_EQ(lane_heads.size(), 2u);
  EXPECT_EQ(lane_heads[0].row.id, b1);  // due first
  EXPECT_EQ(lane_heads[1].row.id, a1);  // not a1's successor: order within a chat is kept
  EXPECT_EQ(lane_heads[1].next_attempt_at, 500);
}

TEST_F(OutboxLanesTest, ProgressOfASplitMessageIsKeptAndCleared) {
  const auto id = add("1");
  OutboxLanes(*db_).set_parts_done(id, 2);
  EXPECT_EQ(heads().at(0).parts_done, 2);
  OutboxLanes(*db_).clear_parts_done(id);
  EXPECT_EQ(heads().at(0).parts_done, 0);
}

TEST_F(OutboxLanesTest, FailingAChatFailsAllItsPendingRowsOnly) {
  add("1");
  add("1", OutKind::callback_answer);
  const auto other = add("2");
  EXPECT_EQ(OutboxLanes(*db_).fail_chat("telegram", "1", "Forbidden: bot was blocked by the user"),
            2);
  EXPECT_EQ(head_ids(), (std::vector<std::int64_t>{other}));
}

TEST_F(OutboxLanesTest, PendingRowsAboveAnIdComeInIdOrderWithTheHighestId) {
  const auto a = add("1");
  const auto b = add("2", OutKind::callback_answer, 900);
  const auto c = add("1");
  OutboxRepository(*db_).mark_sent(a, 5);
  OutboxLanes(*db_).set_parts_done(c, 1);
  Outgoing other;
  other.platform = "zalo_bot";
  other.chat_id = "9";
  other.text = "y";
  const auto d = OutboxRepository(*db_).enqueue(other, 0);

  const PendingRows all = OutboxLanes(*db_).pending_after("telegram", 0, 10);
  ASSERT_EQ(all.rows.size(), 2U);
  EXPECT_EQ(all.rows[0].row.id, b);
  EXPECT_EQ(all.rows[0].next_attempt_at, 900);
  EXPECT_EQ(all.rows[0].row.message.kind, OutKind::callback_answer);
  EXPECT_EQ(all.rows[1].row.id, c);
  EXPECT_EQ(all.rows[1].parts_done, 1);
  EXPECT_EQ(all.top_id, d);  // sent rows and other platforms' rows count for the highest id
  EXPECT_TRUE(all.complete);

  const PendingRows after_b = OutboxLanes(*db_).pending_after("telegram", b, 10);
  ASSERT_EQ(after_b.rows.size(), 1U);
  EXPECT_EQ(after_b.rows[0].row.id, c);
  const PendingRows cut = OutboxLanes(*db_).pending_after("telegram", 0, 1);
  EXPECT_EQ(cut.rows.size(), 1U);
  EXPECT_FALSE(cut.complete);
  EXPECT_TRUE(OutboxLanes(*db_).pending_after("telegram", d, 10).rows.empty());
}

TEST_F(OutboxLanesTest, OneLanesRowsBetweenTwoIdsComeInIdOrder) {
  const auto a1 = add("1");
  const auto cb = add("1", OutKind::callback_answer);
  const auto b1 = add("2");
  const auto a2 = add("1");
  const auto a3 = add("1");
  const auto ids = [](const std::vector<LaneHead>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) out.push_back(r.row.id);
    return out;
  };
  const OutboxLanes lanes(*db_);
  EXPECT_EQ(ids(lanes.pending_in_lane("telegram", "1", false, 0, a3, 10)),
            (std::vector<std::int64_t>{a1, a2, a3}));
  EXPECT_EQ(ids(lanes.pending_in_lane("telegram", "1", false, a1, a2, 10)),
            (std::vector<std::int64_t>{a2}));
  EXPECT_EQ(ids(lanes.pending_in_lane("telegram", "1", false, 0, a3, 2)),
            (std::vector<std::int64_t>{a1, a2}));
  EXPECT_EQ(ids(lanes.pending_in_lane("telegram", "1", true, 0, a3, 10)),
            (std::vector<std::int64_t>{cb}));
  EXPECT_EQ(ids(lanes.pending_in_lane("telegram", "2", false, 0, a3, 10)),
            (std::vector<std::int64_t>{b1}));
}

// A busy chat's waiting rows are looked up by the ids the sender remembered: only those still
// pending come back, in id order, however many other rows were written between them.
TEST_F(OutboxLanesTest, WaitingRowsAreReadByTheirIds) {
  std::vector<std::int64_t> waiting;
  for (int i = 0; i < 40; ++i) {
    waiting.push_back(add("1"));
    add("2");
  }
  OutboxRepository(*db_).mark_sent(waiting[1], 0);
  std::vector<std::int64_t> expected = waiting;
  expected.erase(expected.begin() + 1);
  const auto ids = [](const std::vector<LaneHead>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) out.push_back(r.row.id);
    return out;
  };
  const OutboxLanes lanes(*db_);
  EXPECT_EQ(ids(lanes.pending_with_ids(waiting)), expected);  // more ids than one statement takes
  EXPECT_EQ(ids(lanes.pending_with_ids({waiting[0], waiting[2]})),
            (std::vector<std::int64_t>{waiting[0], waiting[2]}));
  EXPECT_TRUE(lanes.pending_with_ids({}).empty());
  const auto rows = lanes.pending_with_ids({waiting[3]});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].row.message.chat_id, "1");
  std::string details;
  for (const auto& step : lanes.explain_pending_with_ids()) details += step + "\n";
  EXPECT_NE(details.find("SEARCH o USING INTEGER PRIMARY KEY (rowid=?)"), std::string::npos)
      << details;
}

// The read after each commit must cost what was written since, not what has ever been sent.
TEST_F(OutboxLanesTest, ReadingAboveAnIdWalksThePrimaryKey) {
  std::string details;
  for (const auto& step : OutboxLanes(*db_).explain_pending_after()) details += step + "\n";
  EXPECT_NE(details.find("SEARCH o USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"),
            std::string::npos)
      << details;
}

TEST(TelegramDeliveryResult, BotApiAnswersMapToWhatTheSenderDoes) {
  using telegram::classify_response;
  using telegram::to_delivery_result;
  const auto fixture = [](const char* name) {
    return ::wgbot::testing::read_fixture(std::string("telegram/") + name);
  };
  auto r = to_delivery_result(classify_response(429, fixture("error_429_retry_after.json")));
  EXPECT_EQ(r.status, DeliveryStatus::retry_after);
  EXPECT_EQ(r.retry_after, std::chrono::seconds{7});
  r = to_delivery_result(classify_response(400, fixture("error_400_migrate_to_chat_id.json")));
  EXPECT_EQ(r.status, DeliveryStatus::migrate);
  EXPECT_EQ(r.new_chat_id, "-1002198457731");
  r = to_delivery_result(classify_response(403, fixture("error_403_blocked_by_user.json")));
  EXPECT_EQ(r.status, DeliveryStatus::chat_gone);
  r = to_delivery_result(classify_response(
      400,
      R"({"ok":false,"error_code":400,"description":"Bad Request: message is not modified"})"));
  EXPECT_EQ(r.status, DeliveryStatus::sent);
  r = to_delivery_result(classify_response(
      400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})"));
  EXPECT_EQ(r.status, DeliveryStatus::chat_gone);
  r = to_delivery_result(classify_response(
      400, R"({"ok":false,"error_code":400,"description":"Bad Request: message text is empty"})"));
  EXPECT_EQ(r.status, DeliveryStatus::rejected);
  r = to_delivery_result(classify_response(502, "<html>bad gateway</html>"));
  EXPECT_EQ(r.status, DeliveryStatus::transient);
  EXPECT_TRUE(r.answered);
  r = to_delivery_result(telegram::network_error("connection refused"));
  EXPECT_EQ(r.status, DeliveryStatus::transient);
  EXPECT_FALSE(r.answered);
  r = to_delivery_result(
      classify_response(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})"));
  EXPECT_EQ(r.status, DeliveryStatus::transient);  // an operator fixes the token; keep the rows
}

}  // namespace
}  // namespace wgbot::storage
