// libFuzzer target: a roster CSV imported into a migrated database that has the units the
// demo roster uses. An import is all rows or none: a refused file leaves the members as they
// were.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/csv.hpp"
#include "handlers/roster_import.hpp"
#include "storage/connection.hpp"
#include "storage/migrations.hpp"
#include "storage/unit_repository.hpp"

namespace {

std::int64_t members(wgbot::storage::Connection& db) {
  return db.execAndGet("SELECT count(*) FROM members").getInt64();
}

}  // namespace

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  (void)wgbot::parse_csv(csv);
  static const auto db = [] {
    auto conn = std::make_unique<wgbot::storage::Connection>(
        ":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    wgbot::storage::migrate(*conn);
    wgbot::storage::UnitRepository units(*conn);
    for (const char* unit : {"ubnd", "vpub", "skhcn", "snv", "stc"}) units.add(unit, unit, 1);
    return conn;
  }();
  SQLite::Transaction tx(*db);  // every input starts from the same roster
  const auto before = members(*db);
  const auto result = wgbot::import_roster(*db, csv, 2);
  if (!result.ok && members(*db) != before) __builtin_trap();
  return 0;  // the transaction rolls back
}
