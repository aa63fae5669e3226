// The sender's memory of pending rows: lanes, their order, and its bounds, without a database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bot/outbound/pending_outbox.hpp"

namespace wgbot {
namespace {

storage::LaneHead row(std::int64_t id, const std::string& chat, OutKind kind = OutKind::message,
                      std::size_t body_bytes = 10) {
  storage::LaneHead head;
  head.row.id = id;
  head.row.message.platform = "telegram";
  head.row.message.chat_id = chat;
  head.row.message.kind = kind;
  head.body = std::string(body_bytes, 'x');
  return head;
}

storage::PendingRows read(std::vector<storage::LaneHead> rows, std::int64_t top_id,
                          bool complete = true) {
  storage::PendingRows out;
  out.rows = std::move(rows);
  out.top_id = top_id;
  out.complete = complete;
  return out;
}

std::vector<std::int64_t> head_ids(PendingOutbox& pending) {
  std::vector<std::int64_t> ids;
  for (const auto* head : pending.heads(100)) ids.push_back(head->row.id);
  return ids;
}

TEST(PendingOutbox, EachLanesOldestRowIsItsHeadEarliestAttemptFirst) {
  PendingOutbox pending{PendingLimits{}};
  auto retried = row(1, "a");
  retried.next_attempt_at = 50;
  pending.add(read({retried, row(2, "a"), row(3, "b"), row(4, "a", OutKind::callback_answer)}, 9));
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{3, 4, 1}));
  EXPECT_EQ(pending.seen_id(), 9);  // a complete read saw everything up to the highest id
  pending.done(1);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 3, 4}));
  pending.retry_at(3, 70);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 3}));
  EXPECT_EQ(pending.heads(100).back()->row.attempts, 1);
  pending.part_delivered(2, 1);
  EXPECT_EQ(pending.heads(100).front()->parts_done, 1);
}

// The walk for the next sends meets only heads that can go: one in flight is out of it until its
// result is applied, whatever that result did to its lane.
TEST(PendingOutbox, AHeadInFlightIsNotWalkedUntilItsResultIsApplied) {
  PendingOutbox pending{PendingLimits{}};
  pending.add(read({row(1, "a"), row(2, "a"), row(3, "b"), row(4, "c")}, 4));
  pending.sending(1);
  pending.sending(3);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4}));

  pending.retry_at(3, 70);  // failed: back, at its new time
  pending.settled(3);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4, 3}));

  pending.done(1);  // sent: the lane's next row is its head at once
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 3}));
  pending.settled(1);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 3}));

  pending.sending(4);
  pending.settled(4);  // not stored: as it was
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 3}));
  pending.settled(4);  // told twice: nothing more
  pending.settled(99);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 3}));
}

// One chat with a long queue holds at most max_per_lane rows; its later rows, and any newer row
// of that chat, wait for the chat's own read, so its order is kept and others are not kept out.
TEST(PendingOutbox, ABusyChatsFurtherRowsWaitForItsOwnRead) {
  PendingOutbox pending{PendingLimits{100, 1 << 20, 2}};
  pending.add(read({row(1, "a"), row(2, "a"), row(3, "a"), row(4, "b"), row(5, "a")}, 5));
  EXPECT_EQ(pending.size(), 3U);
  EXPECT_TRUE(pending.lanes_to_read().empty());  // chat a still has rows in memory
  EXPECT_FALSE(pending.wants_read());
  pending.done(1);
  pending.add(read({row(6, "a"), row(7, "c")}, 7));  // a newer row of a waits behind 3 and 5
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{2, 4, 7}));
  pending.done(2);
  EXPECT_TRUE(pending.wants_read());
  const auto lanes = pending.lanes_to_read();
  ASSERT_EQ(lanes.size(), 1U);
  EXPECT_EQ(lanes[0].chat_id, "a");
  EXPECT_FALSE(lanes[0].callbacks);
  EXPECT_EQ(lanes[0].after_id, 2);
  EXPECT_EQ(lanes[0].up_to_id, 7);
  EXPECT_FALSE(pending.wants_read());
  EXPECT_TRUE(pending.lanes_to_read().empty());               // asked once until it is answered
  pending.add_lane(lanes[0], {row(3, "a"), row(5, "a")}, 2);  // cut at its limit: more remain
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{3, 4, 7}));
  pending.done(3);
  pending.done(5);
  const auto again = pending.lanes_to_read();
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].after_id, 5);
  pending.add_lane(again[0], {row(6, "a")}, 2);
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4, 6, 7}));
  pending.done(6);
  EXPECT_TRUE(pending.lanes_to_read().empty());  // chat a is done
  pending.add(read({row(8, "a")}, 8));
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4, 7, 8}));
}

// The rows a full lane leaves in the database are remembered by id, so its own read looks them up
// instead of walking the outbox from its last row in memory.
TEST(PendingOutbox, AFullLanesWaitingRowsAreReadByTheirIds) {
  PendingOutbox pending{PendingLimits{100, 1 << 20, 2}};
  pending.add(read({row(1, "a"), row(2, "a"), row(3, "a"), row(4, "b"), row(5, "a")}, 5));
  pending.add(read({row(6, "a")}, 6));
  pending.done(1);
  pending.done(2);
  const auto lanes = pending.lanes_to_read();
  ASSERT_EQ(lanes.size(), 1U);
  EXPECT_EQ(lanes[0].ids, (std::vector<std::int64_t>{3, 5}));  // the oldest, at most a lane's worth
  pending.add_lane(lanes[0], {row(3, "a"), row(5, "a")}, 2);
  pending.add(read({row(7, "a")}, 7));  // still behind 6
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{3, 4}));
  pending.done(3);
  pending.done(5);
  const auto again = pending.lanes_to_read();
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].ids, (std::vector<std::int64_t>{6, 7}));
  pending.add_lane(again[0], {row(6, "a")}, 2);  // 7 was sent meanwhile: gone
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4, 6}));
  pending.done(6);
  EXPECT_TRUE(pending.lanes_to_read().empty());  // nothing waits
  pending.add(read({row(8, "a")}, 8));
  EXPECT_EQ(head_ids(pending), (std::vector<std::int64_t>{4, 8}));
}

// Past max_waiting_ids a lane forgets them and is walked from its last row, as before; a walk
// that is not cut short knows every later row again.
TEST(PendingOutbox, ALaneWithTooManyWaitingRowsIsWalked) {
  PendingOutbox pending{PendingLimits{100, 1 << 20, 1, 2}};
  pending.add(read({row(1, "a"), row(2, "a"), row(3, "a"), row(4, "a")}, 4));
  pending.done(1);
  const auto lanes = pending.lanes_to_read();
  ASSERT_EQ(lanes.size(), 1U);
  EXPECT_TRUE(lanes[0].ids.empty());
  EXPECT_EQ(lanes[0].after_id, 1);
  EXPECT_EQ(lanes[0].up_to_id, 4);
  pending.add_lane(lanes[0], {row(2, "a")}, 1);  // cut: still walked
  pending.done(2);
  const auto again = pending.lanes_to_read();
  ASSERT_EQ(again.size(), 1U);
  EXPECT_TRUE(again[0].ids.empty());
  EXPECT_EQ(again[0].after_id, 2);
  pending.add_lane(again[0], {row(3, "a"), row(4, "a")}, 3);  // not cut: 4 waits, by id
  pending.done(3);
  const auto third = pending.lanes_to_read();
  ASSERT_EQ(third.size(), 1U);
  EXPECT_EQ(third[0].ids, (std::vector<std::int64_t>{4}));
}

TEST(PendingOutbox, AFullMemoryTakesNoMoreUntilRowsAreDone) {
  PendingOutbox pending{PendingLimits{3, 1 << 20, 10}};
  EXPECT_EQ(pending.room(), 3U);
  pending.add(read({row(1, "a"), row(2, "b"), row(3, "c")}, 3, false));  // cut by its limit
  EXPECT_EQ(pending.room(), 0U);
  EXPECT_EQ(pending.seen_id(), 3);  // not the highest id: rows above 3 were not read
  EXPECT_FALSE(pending.wants_read());
  pending.done(2);
  EXPECT_TRUE(pending.wants_read());
  EXPECT_EQ(pending.room(), 1U);

  PendingOutbox by_bytes{PendingLimits{100, 25, 10}};
  by_bytes.add(read({row(1, "a", OutKind::message, 20), row(2, "b", OutKind::message, 20)}, 2));
  EXPECT_EQ(by_bytes.room(), 0U);  // over the byte budget
  by_bytes.done(1);
  EXPECT_GT(by_bytes.room(), 0U);
}

TEST(PendingOutbox, ClearingStartsAgainFromTheFirstRow) {
  PendingOutbox pending{PendingLimits{}};
  pending.add(read({row(4, "a")}, 9));
  pending.clear();
  EXPECT_EQ(pending.size(), 0U);
  EXPECT_EQ(pending.seen_id(), 0);
  EXPECT_TRUE(pending.heads(10).empty());
}

}  // namespace
}  // namespace wgbot
