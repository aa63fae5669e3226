#include "handlers/admin/export_csv.hpp"

#include <date/tz.h>

#include <initializer_list>

#include "core/csv.hpp"
#include "handlers/time_text.hpp"
#include "storage/account_repository.hpp"
#include "storage/export_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void add_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (const auto field : fields) {
    if (!first) out += ',';
    first = false;
    out += csv_field(field);
  }
  out += "\r\n";
}

// "2026-12-04 17:00" in the calendar's zone; empty for no time.
std::string local_time(const timeexpr::Calendar& cal, const std::optional<std::int64_t>& at) {
  if (!at) return "";
  const date::zoned_seconds local(cal.zone, std::chrono::sys_seconds{std::chrono::seconds{*at}});
  return date::format("%Y-%m-%d %H:%M", local);
}

CsvExport tasks_csv(storage::Connection& db, const Config& config) {
  const auto cal = calendar_from(config);
  CsvExport e{"tasks.csv", std::string(kBom), 0};
  add_row(e.bytes, {"id", "title", "source", "status", "assigner", "lead", "assignees", "unit",
                    "due", "progress", "created", "done"});
  for (const auto& t : storage::tasks_for_export(db)) {
    add_row(e.bytes, {std::to_string(t.id), t.title, t.src, t.status, t.assigner, t.lead,
                      t.assignees, t.unit, local_time(cal, t.due_at), std::to_string(t.progress),
                      local_time(cal, t.created_at), local_time(cal, t.done_at)});
    ++e.rows;
  }
  return e;
}

CsvExport members_csv(storage::Connection& db) {
  const storage::UnitRepository units(db);
  const storage::AccountRepository accounts(db);
  CsvExport e{"members.csv", std::string(kBom), 0};
  add_row(e.bytes, {"handle", "name", "unit", "role", "title", "phone", "email", "admin", "active",
                    "started"});
  for (const auto& m : storage::MemberRepository(db).list_all()) {
    const auto unit = m.unit_id ? units.by_id(*m.unit_id) : std::nullopt;
    add_row(e.bytes, {m.handle, m.name, unit ? unit->short_name : "", role_key(m.role), m.title,
                      m.phone, m.email, m.is_admin ? "yes" : "no", m.active ? "yes" : "no",
                      accounts.has_started(m.id) ? "yes" : "no"});
    ++e.rows;
  }
  return e;
}

}  // namespace

std::optional<CsvExport> build_export(storage::Connection& db, const Config& config,
                                      std::string_view what) {
  if (what == "tasks") return tasks_csv(db, config);
  if (what == "members") return members_csv(db);
  return std::nullopt;
}

}  // namespace wgbot
