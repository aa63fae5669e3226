#include "bot/app/cli/cli_commands.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "bot/app/app.hpp"
#include "bot/app/bootstrap.hpp"
#include "bot/telegram/telegram_platform.hpp"
#include "bot/zalo_bot/zalo_bot_platform.hpp"
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

constexpr std::int64_t kInviteLifetimeSeconds = std::int64_t{7} * 24 * 3600;

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

std::string make_invite_code() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::random_device rd;
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string code;
  for (int i = 0; i < 6; ++i) code += kAlphabet[pick(rd)];
  return code;
}

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
    const auto unit = storage::UnitRepository(db).find(args.unit);
    if (!unit) return fail(std::cerr, "unknown unit \"" + args.unit + "\"");
    const auto role = role_from_key(args.role);
    if (!role) {
      return fail(std::cerr, "unknown role \"" + args.role +
                                 "\" (chairman, vice_chairman, standing, member, staff)");
    }
    if (storage::UnitRepository(db).find(args.handle)) {
      return fail(std::cerr, "handle \"" + args.handle + "\" is a unit's short name");
    }
    const auto id =
        storage::MemberRepository(db).add(NewMember{args.handle, args.name, unit->id, *role,
                                                    args.title, args.phone, args.email, args.admin},
                                          now_seconds());
    tx.commit();
    out << "added @" << args.handle << " (member " << id << ")\n";
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
    std::string h = handle;
    if (h.starts_with('@')) h.erase(0, 1);
    const auto member = storage::MemberRepository(db).by_handle(h);
    if (!member || !member->active) return fail(std::cerr, "no active member @" + h);
    const std::string code = make_invite_code();
    const auto now = now_seconds();
    storage::InviteRepository(db).create(code, member->id, now, now + kInviteLifetimeSeconds);
    out << code << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(std::cerr, e.what());
  }
}

int import_roster_file(const Config& config, const std::string& path, std::ostream& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::cerr, "cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    auto prepared = open_for_cli(config);
    auto& db = *prepared.db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto result = import_roster(db, buffer.str(), now_seconds());
    if (!result.ok) return fail(std::cerr, path + ": " + result.error + "; nothing imported");
    tx.commit();
    out << "imported " << result.imported << " member(s)\n";
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
