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

  std::vector<std::string> indexes;
  {
    SQLite::Statement index_sql(db,
                                "SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                "tbl_name = ? AND sql IS NOT NULL");
    index_sql.bind(1, table);
    while (index_sql.executeStep()) indexes.push_back(index_sql.getColumn(0).getString());
  }

  // Table names are ours, never user input; SQLite binds no identifiers.
  db.exec("INSERT INTO " + quoted(staging) + " SELECT * FROM " + quoted(table));
  db.exec("DROP TABLE " + quoted(table));
  db.exec("ALTER TABLE " + quoted(staging) + " RENAME TO " + quoted(table));
  for (const auto& sql : indexes) db.exec(sql);
}

}  // namespace wgbot::storage
