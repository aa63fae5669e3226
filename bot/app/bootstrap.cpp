#include "bot/app/bootstrap.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include "bot/app/demo_roster.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"

namespace wgbot {

PreparedDatabase prepare_database(const Config& config, const Clock& clock, Seeding seeding) {
  PreparedDatabase prepared;
  prepared.db = storage::open_database(config.db);
  prepared.migrations_applied = storage::migrate(*prepared.db);
  const auto now = clock.now().time_since_epoch().count();
  SQLite::Transaction tx(*prepared.db, SQLite::TransactionBehavior::IMMEDIATE);
  if (config.demo && seeding == Seeding::demo_if_configured)
    prepared.demo_seeded = seed_demo_roster(*prepared.db, now);
  storage::MemberRepository members(*prepared.db);
  for (const auto& handle : config.admins) {
    const auto member = members.by_handle(handle);
    if (!member) {
      spdlog::warn("event=admin_unknown handle={} note=\"no member has this handle\"", handle);
      continue;
    }
    if (!member->is_admin) members.set_admin(member->id, true);
  }
  tx.commit();
  if (prepared.migrations_applied > 0) {
    spdlog::info("event=migrated applied={} version={}", prepared.migrations_applied,
                 storage::latest_schema_version());
  }
  if (prepared.demo_seeded) spdlog::info("event=demo_roster_seeded");
  return prepared;
}

}  // namespace wgbot
