#include "handlers/roster_import.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/text_fold.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"
#include "storage/savepoint.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

constexpr std::array<const char*, 5> kRequired = {"handle", "name", "unit", "role", "title"};
constexpr std::array<const char*, 11> kKnown = {"handle",
                                                "name",
                                                "unit",
                                                "role",
                                                "title",
                                                "phone",
                                                "email",
                                                "admin",
                                                "telegram_user_id",
                                                "zalo_bot_user_id",
                                                "zalo_oa_user_id"};
constexpr std::array<std::pair<const char*, const char*>, 3> kAccountColumns = {{
    {"telegram_user_id", "telegram"},
    {"zalo_bot_user_id", "zalo_bot"},
    {"zalo_oa_user_id", "zalo_oa"},
}};

class RowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool valid_handle(std::string_view h) {
  if (h.empty() || h.size() > 32) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<bool> parse_flag(std::string_view v) {
  const std::string f = fold_for_search(v);
  if (f.empty() || f == "0" || f == "false" || f == "no" || f == "khong") return false;
  if (f == "1" || f == "true" || f == "yes" || f == "co" || f == "x") return true;
  return std::nullopt;
}

using Columns = std::map<std::string, std::size_t>;

Columns read_header(const CsvRow& header) {
  Columns cols;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(trim(header.fields[i]));
    if (std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) {
      throw RowError("line 1: unknown column \"" + name + "\"");
    }
    cols[name] = i;
  }
  for (const char* required : kRequired) {
    if (!cols.contains(required)) {
      throw RowError(std::string("line 1: missing column \"") + required + "\"");
    }
  }
  return cols;
}

std::string field(const CsvRow& row, const Columns& cols, const char* name) {
  const auto it = cols.find(name);
  if (it == cols.end() || it->second >= row.fields.size()) return {};
  return std::string(trim(row.fields[it->second]));
}

// Whether the row added a member (else it updated one).
bool import_row(storage::Connection& db, const CsvRow& row, const Columns& cols, std::int64_t now,
                const RosterImportOptions& options) {
  const std::string where = "line " + std::to_string(row.line) + ": ";
  if (row.fields.size() != cols.size()) {
    throw RowError(where + "expected " + std::to_string(cols.size()) + " fields, found " +
                   std::to_string(row.fields.size()));
  }
  NewMember m;
  m.handle = field(row, cols, "handle");
  if (m.handle.starts_with('@')) m.handle.erase(0, 1);
  if (!valid_handle(m.handle)) {
    throw RowError(where + "handle \"" + m.handle + "\" must be lower-case a-z, 0-9 or _");
  }
  m.name = field(row, cols, "name");
  if (m.name.empty()) throw RowError(where + "name is empty");
  const auto unit = storage::UnitRepository(db).find(field(row, cols, "unit"));
  if (!unit) throw RowError(where + "unknown unit \"" + field(row, cols, "unit") + "\"");
  if (storage::UnitRepository(db).find(m.handle)) {
    throw RowError(where + "handle \"" + m.handle + "\" is already a unit's short name");
  }
  m.unit_id = unit->id;
  const auto role = role_from_key(field(row, cols, "role"));
  if (!role) throw RowError(where + "unknown role \"" + field(row, cols, "role") + "\"");
  m.role = *role;
  m.title = field(row, cols, "title");
  m.phone = field(row, cols, "phone");
  m.email = field(row, cols, "email");
  const auto admin = parse_flag(field(row, cols, "admin"));
  if (!admin) throw RowError(where + "admin must be 0 or 1");
  m.is_admin = *admin;
  storage::MemberRepository members(db);
  const auto existing_member = members.by_handle(m.handle);
  if (existing_member && !options.update) {
    throw RowError(where + "handle @" + m.handle + " exists (--update changes existing members)");
  }
  const AdminActor actor{options.actor, now};
  std::int64_t member_id = 0;
  if (existing_member) {
    Member after = *existing_member;
    after.name = m.name;
    after.unit_id = m.unit_id;
    after.role = m.role;
    after.title = m.title;
    // A column the file does not have leaves that detail as it is.
    if (cols.contains("phone")) after.phone = m.phone;
    if (cols.contains("email")) after.email = m.email;
    if (cols.contains("admin")) after.is_admin = m.is_admin;
    members.update(after);
    audit_member_change(db, actor, "import_update", *existing_member, after);
    member_id = after.id;
  } else {
    member_id = members.add(m, now);
    audit_member_change(db, actor, "import_add", std::nullopt, *members.by_id(member_id));
  }
  storage::AccountRepository accounts(db);
  for (const auto& [column, platform] : kAccountColumns) {
    const std::string user_id = field(row, cols, column);
    if (user_id.empty()) continue;
    const auto existing = accounts.find(platform, user_id);
    if (existing && existing->member_id && *existing->member_id != member_id) {
      throw RowError(where + column + " " + user_id + " is linked to another member");
    }
    accounts.link(platform, user_id, member_id, now);
  }
  return !existing_member;
}

}  // namespace

RosterImportResult import_roster(storage::Connection& db, std::string_view csv_text,
                                 std::int64_t now, const RosterImportOptions& options) {
  RosterImportResult result;
  const CsvResult csv = parse_csv(csv_text);
  if (!csv.error.empty()) {
    result.error = "line " + std::to_string(csv.error_line) + ": " + csv.error;
    return result;
  }
  if (csv.rows.empty()) {
    result.error = "line 1: the file is empty";
    return result;
  }
  storage::Savepoint all_rows(db, "roster_import");
  try {
    const Columns cols = read_header(csv.rows.front());
    for (std::size_t i = 1; i < csv.rows.size(); ++i) {
      if (import_row(db, csv.rows[i], cols, now, options)) {
        ++result.imported;
      } else {
        ++result.updated;
      }
    }
    all_rows.release();
    result.ok = true;
  } catch (const std::exception& e) {
    all_rows.rollback();
    result.error = e.what();
  }
  return result;
}

}  // namespace wgbot
