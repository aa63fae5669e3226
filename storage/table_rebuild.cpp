#include "storage/table_rebuild.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <vector>

#include "storage/connection.hpp"

namespace wgbot::storage {

namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += c;
  }
  return out + "\"";
}

}  // namespace

void rebuild_table(Connection& db, const std::string& table,
                   const std::function<std::string(const std::string&)>& edit) {
  std::string current;
  {  // a statement left open would lock the table against the DROP below
    SQLite::Statement read(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
    read.bind(1, table);
    if (!read.executeStep()) throw std::runtime_error("no table " + table + " to rebuild");
    current = read.getColumn(0).getString();
  }
  const std::string edited = edit(current);
  if (edited == current) throw std::runtime_error("rebuilding " + table + " would change nothing");

  // The new table is created under a temporary name: the columns and constraints are kept.
  const auto columns = edited.find('(');
  if (columns == std::string::npos) {
    throw std::runtime_error("unexpected definition of " + table + ": " + edited);
  }
  const std::string staging = table + "_rebuilt";
  db.exec("CREATE TABLE " + quoted(staging) + " " + edited.substr(columns));

  // Dropping the table drops its indexes and triggers: they are made again on the new one.
  std::vector<std::string> dependents;
  {
    SQLite::Statement dependent_sql(db,
                                    "SELECT sql FROM sqlite_master WHERE type IN ('index', "
                                    "'trigger') AND tbl_name = ? AND sql IS NOT NULL "
                                    "ORDER BY type = 'trigger'");
    dependent_sql.bind(1, table);
    while (dependent_sql.executeStep()) {
      dependents.push_back(dependent_sql.getColumn(0).getString());
    }
  }

  // Table names are ours, never user input; SQLite binds no identifiers.
  db.exec("INSERT INTO " + quoted(staging) + " SELECT * FROM " + quoted(table));
  db.exec("DROP TABLE " + quoted(table));
  // The legacy rename changes only the table's own entry. The default one also checks every
  // trigger and view that names the table, which fails while the old table is gone: a trigger
  // on another table that writes to this one would stop the rebuild.
  db.exec("PRAGMA legacy_alter_table = ON");
  db.exec("ALTER TABLE " + quoted(staging) + " RENAME TO " + quoted(table));
  db.exec("PRAGMA legacy_alter_table = OFF");
  for (const auto& sql : dependents) db.exec(sql);
}

}  // namespace wgbot::storage
