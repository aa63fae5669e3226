#include "bot/outbound/pending_outbox.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace wgbot {

namespace {

// A chat's messages and its button-press answers are separate lanes.
std::string lane_key(const Outgoing& m) {
  std::string key = m.chat_id;
  if (m.kind == OutKind::callback_answer) key += "#cb";
  return key;
}

}  // namespace

bool PendingOutbox::fits(std::size_t rows, std::size_t bytes) const {
  return rows <= max_rows_ && bytes <= max_bytes_;
}

int PendingOutbox::room() const {
  const std::size_t free = max_rows_ > rows_.size() ? max_rows_ - rows_.size() : 0;
  return static_cast<int>(std::min<std::size_t>(free, 1'000'000)) + 1;
}

void PendingOutbox::clear() {
  rows_.clear();
  bytes_ = 0;
}

bool PendingOutbox::replace(storage::PendingRows read) {
  clear();
  seen_id_ = 0;
  return add(std::move(read));
}

bool PendingOutbox::add(storage::PendingRows read) {
  std::size_t bytes = bytes_;
  for (const auto& row : read.rows) bytes += row.bytes();
  if (!read.complete || !fits(rows_.size() + read.rows.size(), bytes)) {
    clear();
    return false;
  }
  for (auto& row : read.rows) {
    const std::int64_t id = row.row.id;
    rows_.insert_or_assign(id, std::move(row));
  }
  bytes_ = bytes;
  seen_id_ = std::max(seen_id_, read.top_id);
  return true;
}

std::vector<storage::LaneHead*> PendingOutbox::heads(std::size_t limit) {
  std::vector<storage::LaneHead*> heads;
  std::unordered_set<std::string> lanes;
  for (auto& [id, row] : rows_) {
    if (lanes.insert(lane_key(row.row.message)).second) heads.push_back(&row);
  }
  std::sort(heads.begin(), heads.end(), [](const auto* a, const auto* b) {
    return std::pair(a->next_attempt_at, a->row.id) < std::pair(b->next_attempt_at, b->row.id);
  });
  if (heads.size() > limit) heads.resize(limit);
  return heads;
}

void PendingOutbox::part_delivered(std::int64_t id, int parts_done) {
  if (const auto it = rows_.find(id); it != rows_.end()) it->second.parts_done = parts_done;
}

void PendingOutbox::retry_at(std::int64_t id, std::int64_t next_attempt_at) {
  if (const auto it = rows_.find(id); it != rows_.end()) {
    it->second.next_attempt_at = next_attempt_at;
    ++it->second.row.attempts;
  }
}

void PendingOutbox::done(std::int64_t id) {
  if (const auto it = rows_.find(id); it != rows_.end()) {
    bytes_ -= it->second.bytes();
    rows_.erase(it);
  }
}

}  // namespace wgbot
