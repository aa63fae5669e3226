#include "bot/outbound/pending_outbox.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace wgbot {

std::string lane_key(const std::string& chat_id, bool callbacks) {
  return callbacks ? chat_id + "#cb" : chat_id;
}

std::string lane_key(const Outgoing& message) {
  return lane_key(message.chat_id, message.kind == OutKind::callback_answer);
}

void PendingOutbox::clear() {
  rows_.clear();
  lanes_.clear();
  heads_.clear();
  sending_.clear();
  bytes_ = 0;
  seen_id_ = 0;
  lane_emptied_ = false;
  cut_short_ = false;
}

std::size_t PendingOutbox::room() const {
  if (rows_.size() >= limits_.max_rows || bytes_ >= limits_.max_bytes) return 0;
  return limits_.max_rows - rows_.size();
}

void PendingOutbox::take(storage::LaneHead row) {
  Lane& lane = lanes_[lane_key(row.row.message)];
  if (lane.chat_id.empty()) {
    lane.chat_id = row.row.message.chat_id;
    lane.callbacks = row.row.message.kind == OutKind::callback_answer;
  }
  // Older rows of this lane wait in the database, or the lane is full: this one waits too, and
  // the lane's own read brings it in order.
  if (lane.more || lane.reading || lane.ids.size() >= limits_.max_per_lane) {
    lane.more = true;
    leave_waiting(lane, row.row.id);
    return;
  }
  const std::int64_t id = row.row.id;
  lane.ids.push_back(id);
  if (lane.ids.size() == 1) heads_.emplace(row.next_attempt_at, id);
  lane.last_id = std::max(lane.last_id, id);
  bytes_ += row.bytes();
  rows_.insert_or_assign(id, std::move(row));
}

void PendingOutbox::leave_waiting(Lane& lane, std::int64_t id) const {
  if (!lane.waiting_ids_known) return;
  if (lane.waiting_ids.size() < limits_.max_waiting_ids) {
    // In id order, as they are read back (they come in order but for a read's own rows).
    lane.waiting_ids.insert(std::lower_bound(lane.waiting_ids.begin(), lane.waiting_ids.end(), id),
                            id);
    return;
  }
  lane.waiting_ids_known = false;  // too many to remember: the lane is walked instead
  lane.waiting_ids.clear();
}

void PendingOutbox::add(storage::PendingRows read) {
  for (auto& row : read.rows) take(std::move(row));
  cut_short_ = !read.complete;
  // A read cut short by its limit goes on after its last row; a complete one saw everything up
  // to the outbox's highest id.
  if (read.complete) {
    seen_id_ = std::max(seen_id_, read.top_id);
  } else if (!read.rows.empty()) {
    seen_id_ = std::max(seen_id_, read.rows.back().row.id);
  }
}

void PendingOutbox::add_lane(const LaneRead& read, std::vector<storage::LaneHead> rows,
                             std::size_t limit) {
  const std::string key = lane_key(read.chat_id, read.callbacks);
  Lane& lane = lanes_[key];
  lane.reading = false;
  lane.more = false;
  if (read.ids.empty()) {
    // A walk: what it brings is every row of the lane up to its end, unless its limit cut it.
    lane.waiting_ids.clear();
    lane.waiting_ids_known = true;
  } else {
    // Read by id: the ids asked for are the oldest waiting; the rest still wait.
    for (std::size_t i = 0; i < read.ids.size() && !lane.waiting_ids.empty(); ++i) {
      lane.waiting_ids.pop_front();
    }
  }
  const bool cut = read.ids.empty() && rows.size() >= limit;
  for (auto& row : rows) take(std::move(row));  // older than any row still waiting
  if (!lane.waiting_ids.empty()) lane.more = true;
  if (cut) {
    // Rows after the last one are still in the database, their ids unknown: walked again.
    lane.more = true;
    lane.waiting_ids_known = false;
    lane.waiting_ids.clear();
  }
  forget_lane_if_idle(key);
}

std::vector<LaneRead> PendingOutbox::lanes_to_read() {
  lane_emptied_ = false;
  std::vector<LaneRead> reads;
  for (auto& [key, lane] : lanes_) {
    if (!lane.ids.empty() || !lane.more || lane.reading) continue;
    lane.reading = true;
    LaneRead read{lane.chat_id, lane.callbacks, lane.last_id, seen_id_, {}};
    if (lane.waiting_ids_known) {
      const std::size_t count = std::min(lane.waiting_ids.size(), limits_.max_per_lane);
      read.ids.assign(lane.waiting_ids.begin(),
                      lane.waiting_ids.begin() + static_cast<std::ptrdiff_t>(count));
    }
    reads.push_back(std::move(read));
  }
  return reads;
}

std::vector<storage::LaneHead*> PendingOutbox::heads(std::size_t limit) {
  std::vector<storage::LaneHead*> heads;
  for_each_head([&](storage::LaneHead& head) {
    if (heads.size() >= limit) return false;
    heads.push_back(&head);
    return true;
  });
  return heads;
}

void PendingOutbox::sending(std::int64_t id) {
  const auto it = rows_.find(id);
  if (it == rows_.end() || heads_.erase({it->second.next_attempt_at, id}) == 0) return;
  sending_.insert(id);
}

void PendingOutbox::settled(std::int64_t id) {
  if (sending_.erase(id) == 0) return;
  const auto it = rows_.find(id);
  if (it == rows_.end()) return;  // done: its lane's next row became the head
  const auto lane = lanes_.find(lane_key(it->second.row.message));
  if (lane != lanes_.end() && !lane->second.ids.empty() && lane->second.ids.front() == id) {
    heads_.emplace(it->second.next_attempt_at, id);
  }
}

void PendingOutbox::part_delivered(std::int64_t id, int parts_done) {
  if (const auto it = rows_.find(id); it != rows_.end()) it->second.parts_done = parts_done;
}

void PendingOutbox::retry_at(std::int64_t id, std::int64_t next_attempt_at) {
  const auto it = rows_.find(id);
  if (it == rows_.end()) return;
  if (heads_.erase({it->second.next_attempt_at, id}) > 0) heads_.emplace(next_attempt_at, id);
  it->second.next_attempt_at = next_attempt_at;
  ++it->second.row.attempts;
}

void PendingOutbox::forget_lane_if_idle(const std::string& key) {
  const auto it = lanes_.find(key);
  if (it != lanes_.end() && it->second.ids.empty() && !it->second.more && !it->second.reading) {
    lanes_.erase(it);
  }
}

void PendingOutbox::done(std::int64_t id) {
  const auto it = rows_.find(id);
  if (it == rows_.end()) return;
  const std::string key = lane_key(it->second.row.message);
  heads_.erase({it->second.next_attempt_at, id});
  bytes_ -= it->second.bytes();
  rows_.erase(it);
  const auto lane = lanes_.find(key);
  if (lane == lanes_.end()) return;
  auto& ids = lane->second.ids;
  const bool was_head = !ids.empty() && ids.front() == id;
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
  if (was_head && !ids.empty()) heads_.emplace(rows_.at(ids.front()).next_attempt_at, ids.front());
  if (ids.empty() && lane->second.more) lane_emptied_ = true;
  forget_lane_if_idle(key);
}

}  // namespace wgbot
