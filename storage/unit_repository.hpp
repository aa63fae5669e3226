// Units (departments, agencies, the office) and their counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/model.hpp"

namespace wgbot::storage {

class Connection;

class UnitRepository {
 public:
  explicit UnitRepository(storage::Connection& db) : db_(db) {}

  struct UnitSummary {
    Unit unit;
    int members = 0;
    int open_tasks = 0;
  };

  std::int64_t add(const std::string& name, const std::string& short_name, std::int64_t now);
  std::optional<Unit> by_id(std::int64_t id) const;
  // By short name (case-insensitive) or exact full name.
  std::optional<Unit> find(const std::string& short_or_name) const;
  std::vector<UnitSummary> list_with_counts() const;
  void set_contact(std::int64_t unit_id, std::int64_t member_id);

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
