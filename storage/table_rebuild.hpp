// Changing a table's constraints, which ALTER TABLE cannot do: the table is created anew under
// the changed definition, its rows copied, the old one dropped and the new one renamed, its
// indexes and triggers recreated.
#pragma once

#include <functional>
#include <string>

namespace wgbot::storage {

class Connection;

// Rebuilds `table` with the CREATE TABLE statement that `edit` makes of its current one.
// Runs inside the caller's transaction, which must have foreign keys switched off (PRAGMA
// foreign_keys is fixed for a transaction): dropping the old table would otherwise act on the
// rows that point at it. Throws std::runtime_error when the table does not exist or `edit`
// changed nothing.
void rebuild_table(Connection& db, const std::string& table,
                   const std::function<std::string(const std::string&)>& edit);

}  // namespace wgbot::storage
