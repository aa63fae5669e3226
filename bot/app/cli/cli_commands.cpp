#include "bot/app/cli/cli_commands.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bot/app/app.hpp"
#include "bot/app/bootstrap.hpp"
#include "bot/telegram/telegram_platform.hpp"
#include "bot/zalo_bot/zalo_bot_platform.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "handlers/roster_import.hpp"
#include "storage/account_repository.hpp"
#include "storage/backup.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/db_lock.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/unit_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::cli {

namespace {

std::int64_t now_seconds() {
  return SystemClock().now().time_since_epoch().count();
}

// Opens the database for a one-shot command; the schema is brought up to date first.
PreparedDatabase open_for_cli(const Config& config) {
  return prepare_database(config, SystemClock(), Seeding::never);
}

int fail(std::ostream& err, const std::string& message, int code = kExitRuntime) {
  err << "wgbot: " << message << "\n";
  return code;
}

}  // namespace

int migrate(const Config& config, std::ostream& out) {
  try {
    storage::DbLock lock(config.db);
    auto db = storage::open_database(config.db);
    const int applied = storage::migrate(*db);
    out << "applied " << applied << " migration(s); schema version "
        << storage::latest_schema_version() << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    return fail(std::cerr, what,
                what.find("already served") != std::string::npos ? kExitUsage : kExitRuntime);
  }
}

int check_config(const LoadedConfig& loaded, std::ostream& out) {
  out << "config file: " << (loaded.file.empty() ? "(none)" : loaded.file) << "\n";
  std::size_t width = 0;
  for (const auto& r : loaded.report) width = std::max(width, r.key.size());
  for (const auto& r : loaded.report) {
    out << fmt::format("{:<{}}  {}  ({})\n", r.key, width, r.value, r.source);
  }
  return kExitOk;
}

int member_add(const Config& config, const MemberAddArgs& args, std::ostream& out) {
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<KeyValue> fields = {{"name", args.name},   {"handle", args.handle},
                                    {"unit", args.unit},   {"role", args.role},
                                    {"title", args.title}, {"phone", args.phone},
                                    {"email", args.email}, {"admin", args.admin ? "yes" : "no"}};
    Member added;
    if (auto refused = add_member(db, AdminActor{"cli", now_seconds()}, fields, &added)) {
      return fail(std::cerr, tr(Lang::en, refused->msg, refused->arg));
    }
    tx.commit();
    out << "added @" << added.handle << " (member " << added.id << ")\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

int member_list(const Config& config, std::ostream& out) {
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    const storage::UnitRepository units(db);
    const storage::AccountRepository accounts(db);
    out << fmt::format("{:<12} {:<24} {:<8} {:<14} {:<6} {}\n", "handle", "name", "unit", "role",
                       "admin", "started");
    for (const auto& m : storage::MemberRepository(db).list_active()) {
      const auto unit = m.unit_id ? units.by_id(*m.unit_id) : std::nullopt;
      out << fmt::format("{:<12} {:<24} {:<8} {:<14} {:<6} {}\n", m.handle, m.name,
                         unit ? unit->short_name : "-", role_key(m.role), m.is_admin ? "yes" : "",
                         accounts.has_started(m.id) ? "yes" : "never");
    }
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

int member_invite(const Config& config, const std::string& handle, std::ostream& out) {
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    Invite invite;
    if (auto refused =
            create_invite(db, AdminActor{"cli", now_seconds()}, handle_of(handle), &invite)) {
      return fail(std::cerr, tr(Lang::en, refused->msg, refused->arg));
    }
    tx.commit();
    out << invite.code << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

int import_roster_file(const Config& config, const std::string& path, bool update,
                       std::ostream& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::cerr, "cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto result =
        import_roster(db, buffer.str(), now_seconds(), RosterImportOptions{update, "cli"});
    if (!result.ok) return fail(std::cerr, path + ": " + result.error + "; nothing imported");
    tx.commit();
    out << "imported " << result.imported << " member(s)";
    if (update) out << ", updated " << result.updated;
    out << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

namespace {

// Prints what the platform reports; exit code of this platform's registration.
template <typename Registration>
int report_registration(std::string_view name, const Registration& registration,
                        std::ostream& out) {
  if (!registration.ok) return fail(std::cerr, std::string(name) + ": " + registration.error);
  out << name << ": " << registration.info.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

int set_webhook(const Config& config, const std::string& platform, std::ostream& out) {
  // No --platform: every enabled one; with none enabled, Telegram's message says what to set.
  const bool zalo = platform == "zalo-bot" || (platform.empty() && config.zalo_bot.enabled());
  const bool telegram =
      platform == "telegram" || (platform.empty() && (config.telegram.enabled() || !zalo));
  if (telegram && !config.telegram.enabled()) {
    return fail(std::cerr, "telegram.token is not set (WGBOT_TELEGRAM_TOKEN)", kExitUsage);
  }
  if (zalo && !config.zalo_bot.enabled()) {
    return fail(std::cerr, "zalo_bot.token is not set (WGBOT_ZALO_BOT_TOKEN)", kExitUsage);
  }
  if (config.public_url.empty()) {
    return fail(std::cerr, "public_url is not set: without it the bot uses long polling",
                kExitUsage);
  }
  try {
    storage::Writer writer(open_for_cli(config).db);
    int status = kExitOk;
    if (telegram) {
      status = std::max(
          status, report_registration("telegram", telegram::register_webhook(config, writer), out));
    }
    if (zalo) {
      status = std::max(
          status, report_registration("zalo-bot", zalo_bot::register_webhook(config, writer), out));
    }
    writer.stop();
    return status;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

int backup(const Config& config, const std::string& target, std::ostream& out) {
  try {
    storage::backup_database(config.db, target);
    out << "backed up " << config.db << " to " << target << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

}  // namespace wgbot::cli
