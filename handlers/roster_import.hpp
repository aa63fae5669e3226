// Importing a roster from CSV: all rows or none, errors naming the line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct RosterImportOptions {
  // Rows whose handle exists update that member (name, unit, role, title and, when their
  // column is present, phone, email and admin) instead of being refused.
  bool update = false;
  std::string actor = "cli";  // written to the audit log with each member added or updated
};

struct RosterImportResult {
  bool ok = false;
  std::size_t imported = 0;  // added
  std::size_t updated = 0;
  std::string error;  // one line, "line N: …"
};

// Header: handle,name,unit,role,title,phone,email,admin,telegram_user_id,zalo_bot_user_id,
// zalo_oa_user_id (only the first five required, any order). Runs inside a savepoint of its own
// and rolls everything back on the first bad row.
RosterImportResult import_roster(storage::Connection& db, std::string_view csv_text,
                                 std::int64_t now, const RosterImportOptions& options = {});

}  // namespace wgbot
