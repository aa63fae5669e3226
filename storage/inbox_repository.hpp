// The inbox: every update as received, deduplicated on (platform, update key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wgbot::storage {

class Connection;

class InboxRepository {
 public:
  explicit InboxRepository(storage::Connection& db) : db_(db) {}

  // Inserts the update as handled; nullopt when the same (platform, key) was stored before.
  // The row commits in the same transaction as its handling, so it is never seen unhandled;
  // a handler that fails turns it into failed before the commit.
  std::optional<std::int64_t> insert(const std::string& platform, const std::string& update_key,
                                     const std::string& payload, std::int64_t now);
  void mark_failed(std::int64_t id, const std::string& error);
  std::int64_t count() const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
