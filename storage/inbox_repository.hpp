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

  // Inserts the update; nullopt when the same (platform, key) was stored before.
  std::optional<std::int64_t> insert(const std::string& platform, const std::string& update_key,
                                     const std::string& payload, std::int64_t now);
  void mark_handled(std::int64_t id);
  void mark_failed(std::int64_t id, const std::string& error);
  std::int64_t count() const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
