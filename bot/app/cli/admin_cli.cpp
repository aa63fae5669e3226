#include "bot/app/cli/admin_cli.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "bot/app/app.hpp"
#include "bot/app/bootstrap.hpp"
#include "handlers/admin/export_csv.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot::cli {

namespace {

AdminActor cli_actor() {
  return AdminActor{"cli", SystemClock().now().time_since_epoch().count()};
}

PreparedDatabase open_for_cli(const Config& config) {
  return prepare_database(config, SystemClock(), Seeding::never);
}

int fail(const std::string& message) {
  std::cerr << "wgbot: " << message << "\n";
  return kExitRuntime;
}

// The refusal in English, as the chat would word it.
int refused(const AdminError& error) {
  return fail(tr(Lang::en, error.msg, error.arg));
}

// Runs `change` in one transaction; it returns a refusal (then nothing is kept) or nullopt.
template <typename Change>
int in_transaction(const Config& config, Change&& change) {
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto error = change(db)) return refused(*error);
    tx.commit();
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace

int unit_add(const Config& config, const std::string& name, const std::string& short_name,
             std::ostream& out) {
  return in_transaction(config, [&](storage::Connection& db) -> AdminStatus {
    Unit unit;
    auto error = add_unit(db, cli_actor(), {{"name", name}, {"short", short_name}}, &unit);
    if (!error) out << "added unit " << unit.short_name << " (" << unit.name << ")\n";
    return error;
  });
}

int unit_list(const Config& config, std::ostream& out) {
  try {
    auto prepared = open_for_cli(config);
    out << fmt::format("{:<10} {:>7} {:>10}  {}\n", "short", "members", "open tasks", "name");
    for (const auto& s : storage::UnitRepository(*prepared.db).list_with_counts()) {
      out << fmt::format("{:<10} {:>7} {:>10}  {}\n", s.unit.short_name, s.members, s.open_tasks,
                         s.unit.name);
    }
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

int member_edit(const Config& config, const MemberEditArgs& args, std::ostream& out) {
  std::vector<KeyValue> fields;
  const auto add = [&](const char* key, const std::optional<std::string>& value) {
    if (value) fields.push_back(KeyValue{key, *value});
  };
  add("name", args.name);
  add("unit", args.unit);
  add("role", args.role);
  add("title", args.title);
  add("phone", args.phone);
  add("email", args.email);
  return in_transaction(config, [&](storage::Connection& db) -> AdminStatus {
    Member member;
    auto error = edit_member(db, cli_actor(), handle_of(args.handle), fields, &member);
    if (!error) out << "updated @" << member.handle << "\n";
    return error;
  });
}

int member_deactivate(const Config& config, const std::string& handle, std::ostream& out) {
  return in_transaction(config, [&](storage::Connection& db) -> AdminStatus {
    Member member;
    std::vector<OpenTask> open;
    auto error = deactivate_member(db, cli_actor(), handle_of(handle), &member, &open);
    if (error) return error;
    out << "deactivated @" << member.handle << "\n";
    if (!open.empty()) out << "open tasks to reassign:\n";
    for (const auto& t : open) out << "  #" << t.id << " " << t.title << "\n";
    return std::nullopt;
  });
}

int export_csv(const Config& config, const std::string& what, const std::string& out_file,
               std::ostream& out) {
  std::optional<CsvExport> csv;
  const int status = in_transaction(config, [&](storage::Connection& db) -> AdminStatus {
    csv = build_export(db, config, what);
    if (!csv) return AdminError{Msg::usage_export, ""};
    write_audit(db, cli_actor(), "export", what, "", std::to_string(csv->rows) + " rows");
    return std::nullopt;
  });
  if (status != kExitOk) return status;
  if (out_file.empty()) {
    out << csv->bytes;
    return kExitOk;
  }
  std::ofstream file(out_file, std::ios::binary | std::ios::trunc);
  file << csv->bytes;
  file.close();
  if (!file) return fail("cannot write " + out_file);
  out << "wrote " << csv->rows << " " << what << " to " << out_file << "\n";
  return kExitOk;
}

int audit(const Config& config, int entries, std::ostream& out) {
  try {
    auto prepared = open_for_cli(config);
    for (const auto& e : storage::AuditRepository(*prepared.db).recent(std::max(entries, 1))) {
      const std::chrono::sys_seconds at{std::chrono::seconds{e.at}};
      out << fmt::format("{}  {:<12} {:<14} {:<14} {} -> {}\n", date::format("%FT%TZ", at), e.actor,
                         e.action, e.target, e.before.empty() ? "-" : e.before,
                         e.after.empty() ? "-" : e.after);
    }
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace wgbot::cli
