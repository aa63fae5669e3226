// The audit log (who, what, when, before/after) and small key/value state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/model.hpp"

namespace wgbot::storage {

class Connection;

class AuditRepository {
 public:
  explicit AuditRepository(storage::Connection& db) : db_(db) {}
  void write(const AuditEntry& entry);
  std::vector<AuditEntry> recent(int limit) const;

 private:
  storage::Connection& db_;
};

// Internal state (poll offsets, generated secrets) and run-time settings.
class StateRepository {
 public:
  explicit StateRepository(storage::Connection& db) : db_(db) {}
  std::optional<std::string> get(const std::string& key) const;
  void set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> settings() const;
  void set_setting(const std::string& key, const std::string& value, std::int64_t now,
                   const std::string& by);

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
