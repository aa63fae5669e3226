// The oldest pending rows of one platform's outbox, held in memory by its sender: rows are read
// by id (above the highest id read so far), and the sender applies what it recorded (a part
// delivered, a retry, done) instead of reading the rows back. A lane is one chat's messages, or
// its button-press answers; only a lane's oldest row (its head) may be sent.
//
// Bounded: at most max_rows rows and max_bytes of bodies and files in all, and max_per_lane rows
// per lane. A busy lane's further rows stay in the database and are read for that lane alone once
// its rows in memory are done, so one chat with a long queue never keeps the others' rows out.
// Their ids are remembered (up to max_waiting_ids per lane), so that read looks them up by id
// instead of walking every outbox row written since the lane's last row in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "storage/outbox_lanes.hpp"

namespace wgbot {

struct PendingLimits {
  std::size_t max_rows = 4096;
  std::size_t max_bytes = std::size_t{8} << 20;
  std::size_t max_per_lane = 32;
  std::size_t max_waiting_ids = 1024;
};

// A lane whose further rows are to be read from the database: those with these ids when `ids` is
// not empty (the oldest of them, in order), else those with ids in (after_id, up_to_id].
struct LaneRead {
  std::string chat_id;
  bool callbacks = false;
  std::int64_t after_id = 0;
  std::int64_t up_to_id = 0;
  std::vector<std::int64_t> ids;
};

class PendingOutbox {
 public:
  explicit PendingOutbox(PendingLimits limits) : limits_(limits) {}

  // Forgets everything: the next read starts from the first pending row.
  void clear();
  // Takes a read of the rows above seen_id() (at most room() of them, in id order). Apply the
  // lanes' reads of the same moment first.
  void add(storage::PendingRows read);
  // Takes the rows read for one lane (see lanes_to_read); `limit` is what that read asked for.
  void add_lane(const LaneRead& read, std::vector<storage::LaneHead> rows, std::size_t limit);

  // Rows above this id have not been read yet.
  [[nodiscard]] std::int64_t seen_id() const { return seen_id_; }
  // How many rows the next read may bring (0: memory is full).
  [[nodiscard]] std::size_t room() const;
  [[nodiscard]] std::size_t size() const { return rows_.size(); }
  // Lanes that have no row in memory but more in the database; each is then marked as being
  // read, until add_lane.
  std::vector<LaneRead> lanes_to_read();
  [[nodiscard]] std::size_t max_per_lane() const { return limits_.max_per_lane; }
  // Rows wait in the database that a read would bring now: a lane emptied with more rows there,
  // or the last read was cut short and memory has room again.
  [[nodiscard]] bool wants_read() const { return lane_emptied_ || (cut_short_ && room() > 0); }

  // The head of every lane, earliest next attempt first, at most `limit`.
  std::vector<storage::LaneHead*> heads(std::size_t limit);
  // Calls `visit(head)` for each lane's head, earliest next attempt first, until it returns
  // false. `visit` must not change this PendingOutbox.
  template <typename Visit>
  void for_each_head(Visit&& visit) {
    for (const auto& [at, id] : heads_) {
      if (!visit(rows_.at(id))) return;
    }
  }

  // A head being sent leaves the walk above until its result is applied (`settled`), so the
  // walk for the next due heads never steps over the ones in flight.
  void sending(std::int64_t id);
  void settled(std::int64_t id);

  // What the sender recorded for a row.
  void part_delivered(std::int64_t id, int parts_done);
  void retry_at(std::int64_t id, std::int64_t next_attempt_at);
  void done(std::int64_t id);  // sent or dropped: no longer pending

 private:
  struct Lane {
    std::string chat_id;
    bool callbacks = false;
    std::deque<std::int64_t> ids;  // the lane's rows in memory, oldest first
    std::int64_t last_id = 0;      // the newest row of this lane taken into memory
    bool more = false;             // rows of this lane after last_id wait in the database
    bool reading = false;          // a read for this lane alone is under way
    // While `more`: the ids of the rows waiting, oldest first, if all of them are known (each
    // passed take); else empty and the lane is read by a walk from last_id.
    std::deque<std::int64_t> waiting_ids;
    bool waiting_ids_known = true;
  };

  // Keeps `row` in memory, or leaves it for its lane's own read when the lane is full.
  void take(storage::LaneHead row);
  void leave_waiting(Lane& lane, std::int64_t id) const;
  void forget_lane_if_idle(const std::string& key);

  PendingLimits limits_;
  std::map<std::int64_t, storage::LaneHead> rows_;  // by id: each lane's rows in order
  std::unordered_map<std::string, Lane> lanes_;
  std::set<std::pair<std::int64_t, std::int64_t>> heads_;  // (next attempt, id) of lane heads
  std::unordered_set<std::int64_t> sending_;  // heads taken out of heads_ while in flight
  std::size_t bytes_ = 0;
  std::int64_t seen_id_ = 0;
  bool lane_emptied_ = false;
  bool cut_short_ = false;
};

// A chat's messages and its button-press answers are separate lanes.
std::string lane_key(const Outgoing& message);
std::string lane_key(const std::string& chat_id, bool callbacks);

}  // namespace wgbot
