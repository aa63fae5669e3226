// Numbered schema migrations, tracked by PRAGMA user_version.
#pragma once

namespace wgbot::storage {

class Connection;

// The schema version this build knows.
int latest_schema_version();

// Applies every pending migration, each in its own transaction. Returns how many were applied.
// Throws std::runtime_error when the database is newer than this build.
int migrate(storage::Connection& db);
// Applies the pending migrations up to schema version `target` (to test an upgrade path).
int migrate_to(storage::Connection& db, int target);

}  // namespace wgbot::storage
