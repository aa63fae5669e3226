// The pending rows of one platform's outbox, held in memory by its sender while they are few:
// new rows are added as they are read (by id, above the highest id seen), and the sender applies
// what it recorded (a part delivered, a retry, done) instead of reading the rows back. Lanes and
// their order are the database's (see storage/outbox_lanes.hpp): a lane's oldest row is its head.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "storage/outbox_lanes.hpp"

namespace wgbot {

class PendingOutbox {
 public:
  PendingOutbox(std::size_t max_rows, std::size_t max_bytes)
      : max_rows_(max_rows), max_bytes_(max_bytes) {}

  // Replaces everything with a full read (all pending rows, and the outbox's highest id then).
  // False when they do not fit: the set is left empty.
  bool replace(storage::PendingRows read);
  // Adds the rows read above seen_id(). False when the set would no longer fit (it is then
  // emptied: the database holds the truth) or the read was cut short by its limit.
  bool add(storage::PendingRows read);
  void clear();

  // Rows above this id have not been read yet.
  [[nodiscard]] std::int64_t seen_id() const { return seen_id_; }
  // How many more rows a read may bring before the set is full; 1 more means "overflowing".
  [[nodiscard]] int room() const;
  [[nodiscard]] std::size_t size() const { return rows_.size(); }

  // The head of every lane, earliest next attempt first, at most `limit`.
  std::vector<storage::LaneHead*> heads(std::size_t limit);

  // What the sender recorded for a row.
  void part_delivered(std::int64_t id, int parts_done);
  void retry_at(std::int64_t id, std::int64_t next_attempt_at);
  void done(std::int64_t id);  // sent or dropped: no longer pending

 private:
  bool fits(std::size_t rows, std::size_t bytes) const;

  std::size_t max_rows_;
  std::size_t max_bytes_;
  std::map<std::int64_t, storage::LaneHead> rows_;  // by id: a lane's rows in order
  std::size_t bytes_ = 0;
  std::int64_t seen_id_ = 0;
};

}  // namespace wgbot
