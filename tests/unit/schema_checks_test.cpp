// The schema's value checks: written with OR, so storing a row builds no temporary b-tree, and an
// older database is rebuilt to them with its rows, indexes and foreign keys intact.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

int ephemeral_tables(Connection& db, const std::string& sql) {
  SQLite::Statement explain(db, "EXPLAIN " + sql);
  int count = 0;
  while (explain.executeStep()) count += explain.getColumn(1).getString() == "OpenEphemeral";
  return count;
}

std::string table_sql(Connection& db, const std::string& table) {
  SQLite::Statement q(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, table);
  return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

TEST(SchemaChecks, StoringAnUpdateOrAReplyBuildsNoTemporaryTable) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  EXPECT_EQ(ephemeral_tables(*db,
                             "INSERT INTO inbox (platform, update_key, received_at, payload, "
                             "status) VALUES ('t','1',0,'{}','handled')"),
            0);
  EXPECT_EQ(ephemeral_tables(*db,
                             "INSERT INTO outbox (platform, chat_id, kind, body, created_at) "
                             "VALUES ('t','1','message','{}',0)"),
            0);
  EXPECT_EQ(ephemeral_tables(*db, "UPDATE outbox SET status = 'sent' WHERE id = 1"), 0);
  EXPECT_EQ(ephemeral_tables(*db, "UPDATE tasks SET status = 'done' WHERE id = 1"), 0);
  for (const char* table : {"members", "chats", "tasks", "reminders", "inbox", "outbox"}) {
    EXPECT_EQ(table_sql(*db, table).find(" IN ("), std::string::npos) << table;
  }
}

TEST(SchemaChecks, TheRewrittenChecksStillRefuseAnUnknownValue) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  EXPECT_THROW(db->exec("INSERT INTO inbox (platform, update_key, received_at, payload, status) "
                        "VALUES ('t','1',0,'{}','lost')"),
               SQLite::Exception);
  EXPECT_THROW(db->exec("INSERT INTO outbox (platform, chat_id, kind, body, created_at, status) "
                        "VALUES ('t','1','message','{}',0,'maybe')"),
               SQLite::Exception);
  db->exec(
      "INSERT INTO outbox (platform, chat_id, kind, body, created_at, status) "
      "VALUES ('t','1','message','{}',0,'failed')");
}

TEST(SchemaChecks, AnOlderDatabaseKeepsItsRowsIndexesAndLinks) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  ASSERT_EQ(migrate_to(*db, 7), 7);
  db->exec(R"sql(
INSERT INTO units (id, name, short, created_at) VALUES (1, 'Sở A', 'sa', 0);
INSERT INTO members (id, handle, name, name_folded, unit_id, role, created_at)
  VALUES (1, 'an', 'An', 'an', 1, 'staff', 0);
INSERT INTO chats (platform, chat_id, kind, title, updated_at) VALUES ('t', '-5', 'group', 'G', 0);
INSERT INTO tasks (id, title, assigner_id, status, created_at) VALUES (7, 'Việc', 1, 'open', 0);
INSERT INTO task_assignees (task_id, member_id, lead, position) VALUES (7, 1, 1, 0);
INSERT INTO inbox (id, platform, update_key, received_at, payload, status)
  VALUES (3, 't', 'u3', 0, '{}', 'handled');
INSERT INTO outbox (id, platform, chat_id, body, created_at, inbox_id, file)
  VALUES (9, 't', '1', '{"text":"x"}', 0, 3, x'89504e47');
)sql");
  const auto index_names = [&db] {
    std::vector<std::string> names;
    SQLite::Statement q(*db, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name");
    while (q.executeStep()) names.push_back(q.getColumn(0).getString());
    return names;
  };
  const auto indexes_before = index_names();

  EXPECT_EQ(migrate_to(*db, 8), 1);                              // the rebuild
  EXPECT_EQ(db->execAndGet("PRAGMA foreign_keys").getInt(), 1);  // switched back on
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM pragma_foreign_key_check").getInt(), 0);
  EXPECT_EQ(db->execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(db->execAndGet("SELECT title FROM tasks WHERE id = 7").getString(), "Việc");
  EXPECT_EQ(db->execAndGet("SELECT hex(file) || inbox_id FROM outbox WHERE id = 9").getString(),
            "89504E473");
  EXPECT_EQ(db->execAndGet("SELECT role FROM members WHERE id = 1").getString(), "staff");
  EXPECT_EQ(db->execAndGet("SELECT kind FROM chats WHERE chat_id = '-5'").getString(), "group");
  // Every index came back, and the links still act: deleting the inbox row clears the reply's
  // pointer to it.
  const auto indexes_after = index_names();
  for (const auto& name : indexes_before) {
    EXPECT_NE(std::find(indexes_after.begin(), indexes_after.end(), name), indexes_after.end())
        << name;
  }
  db->exec("DELETE FROM inbox WHERE id = 3");
  EXPECT_TRUE(db->execAndGet("SELECT inbox_id FROM outbox WHERE id = 9").isNull());
  EXPECT_THROW(db->exec("INSERT INTO task_assignees (task_id, member_id, lead, position) "
                        "VALUES (99, 1, 1, 0)"),
               SQLite::Exception);
  for (const char* table : {"members", "chats", "tasks", "reminders", "inbox", "outbox"}) {
    EXPECT_EQ(table_sql(*db, table).find(" IN ("), std::string::npos) << table;
  }
  // The later migrations run on the rebuilt tables: the assignee row gets its task's status,
  // and keeps it when its table is rebuilt again with its triggers.
  migrate(*db);
  EXPECT_EQ(db->execAndGet("SELECT task_status FROM task_assignees WHERE task_id = 7").getString(),
            "open");
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
                           "tbl_name = 'task_assignees'")
                .getInt(),
            1);
  EXPECT_EQ(db->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

// A task's assignees are one stretch of their table, in key order: no row looked up elsewhere.
TEST(SchemaChecks, ATasksAssigneesAreReadFromTheTablesOwnOrder) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  EXPECT_NE(table_sql(*db, "task_assignees").find("WITHOUT ROWID"), std::string::npos);
  SQLite::Statement plan(*db,
                         "EXPLAIN QUERY PLAN SELECT task_id, member_id, unit_id, lead, position "
                         "FROM task_assignees WHERE task_id IN (1, 2, 3)");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(steps.find("USING PRIMARY KEY (task_id=?)"), std::string::npos) << steps;
}

}  // namespace
}  // namespace wgbot::storage
