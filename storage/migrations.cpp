#include "storage/migrations.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/table_rebuild.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace wgbot::storage {

namespace {

// Each entry is one migration; never edit an entry once released, append a new one.
constexpr std::array<const char*, 10> kMigrations = {
    // 1: the whole first schema: roster, accounts, chats, tasks, reminders, inbox, outbox,
    // audit log, settings, state, digests and invites.
    R"sql(
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  short TEXT NOT NULL UNIQUE COLLATE NOCASE,
  contact_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('chairman','vice_chairman','standing','member','staff')),
  title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  is_admin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  lang TEXT NOT NULL DEFAULT '',
  preferred_account_id INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX members_unit ON members(unit_id);
CREATE INDEX members_name_folded ON members(name_folded);
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  platform_user_id TEXT NOT NULL,
  member_id INTEGER REFERENCES members(id),
  username TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL DEFAULT '',
  private_chat_id TEXT NOT NULL DEFAULT '',
  started INTEGER NOT NULL DEFAULT 0,
  linked_at INTEGER,
  last_seen_at INTEGER,
  UNIQUE (platform, platform_user_id)
);
CREATE INDEX accounts_member ON accounts(member_id);
CREATE INDEX accounts_username ON accounts(platform, username COLLATE NOCASE);
CREATE TABLE chats (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private','group')),
  title TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  blocked_at INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (platform, chat_id)
);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  src TEXT NOT NULL DEFAULT '',
  assigner_id INTEGER NOT NULL REFERENCES members(id),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
  due_at INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  acked_at INTEGER,
  done_at INTEGER,
  last_progress_at INTEGER,
  origin_platform TEXT NOT NULL DEFAULT '',
  origin_chat_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tasks_status_due ON tasks(status, due_at);
CREATE TABLE task_assignees (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id),
  unit_id INTEGER REFERENCES units(id),
  lead INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  PRIMARY KEY (task_id, member_id)
);
CREATE INDEX task_assignees_member ON task_assignees(member_id);
CREATE TABLE task_events (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  actor_id INTEGER REFERENCES members(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_events_task ON task_events(task_id, at);
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  text TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  next_at INTEGER,
  rrule TEXT,
  skip_holidays INTEGER NOT NULL DEFAULT 0,
  task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','done','cancelled')),
  fired_count INTEGER NOT NULL DEFAULT 0,
  last_fired_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX reminders_due ON reminders(next_at) WHERE status = 'active';
CREATE INDEX reminders_member ON reminders(member_id, status);
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  update_key TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','handled','failed')),
  error TEXT NOT NULL DEFAULT '',
  UNIQUE (platform, update_key)
);
CREATE INDEX inbox_pending ON inbox(status) WHERE status = 'new';
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'message',
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  error TEXT NOT NULL DEFAULT '',
  inbox_id INTEGER REFERENCES inbox(id) ON DELETE SET NULL
);
CREATE INDEX outbox_pending ON outbox(platform, next_attempt_at, id) WHERE status = 'pending';
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE digests_sent (
  day TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  sent_at INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, member_id)
);
CREATE TABLE invites (
  code TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by_account_id INTEGER REFERENCES accounts(id)
);
)sql",
    // 2: the scheduler's per-task nudge state, and indexes for what is due next. nudge_at: when
    // the scheduler next looks at the task; nudge_plan_due: the due_at planned for (a changed
    // deadline or a reopened task is planned afresh); nudge_from: nothing at or before it is
    // sent; nudge_last_slot: the last nudge time handled; escalated_at: flagged for the digest.
    R"sql(
ALTER TABLE tasks ADD COLUMN nudge_at INTEGER;
ALTER TABLE tasks ADD COLUMN nudge_plan_due INTEGER;
ALTER TABLE tasks ADD COLUMN nudge_from INTEGER;
ALTER TABLE tasks ADD COLUMN nudge_last_slot INTEGER;
ALTER TABLE tasks ADD COLUMN last_nudge_at INTEGER;
ALTER TABLE tasks ADD COLUMN overdue_reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN escalated_at INTEGER;
CREATE INDEX tasks_nudge_due ON tasks(nudge_at) WHERE nudge_at IS NOT NULL;
CREATE INDEX tasks_nudge_unplanned ON tasks(id)
  WHERE status = 'open' AND nudge_plan_due IS NOT due_at;
CREATE INDEX tasks_nudge_stale ON tasks(id)
  WHERE status <> 'open' AND nudge_plan_due IS NOT NULL;
)sql",
    // 3: deleting an old inbox row updates the outbox rows that point at it (ON DELETE SET
    // NULL); without this index each delete scans the whole outbox.
    R"sql(
CREATE INDEX outbox_inbox ON outbox(inbox_id) WHERE inbox_id IS NOT NULL;
)sql",
    // 4: a unit's task list finds the tasks its assignees act for without reading them all;
    // a member's task list reads the task ids from the index alone.
    R"sql(
CREATE INDEX task_assignees_unit ON task_assignees(unit_id) WHERE unit_id IS NOT NULL;
DROP INDEX task_assignees_member;
CREATE INDEX task_assignees_member ON task_assignees(member_id, task_id);
)sql",
    // 5: a due item (a task's nudge, a reminder) whose firing failed is retried later on its
    // own, with the failures counted and the last error kept, instead of holding the others.
    R"sql(
ALTER TABLE tasks ADD COLUMN nudge_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN nudge_error TEXT;
ALTER TABLE reminders ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminders ADD COLUMN error TEXT;
)sql",
    // 6: roster administration. invite_failures: wrong invite codes per account, counted in a
    // window, so guessing is throttled. broadcasts: one admin message to many members; its
    // outbox rows are listed in broadcast_rows so the admin is told when all are delivered.
    R"sql(
CREATE TABLE invite_failures (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);
CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  recipients INTEGER NOT NULL,
  summarized_at INTEGER
);
CREATE INDEX broadcasts_open ON broadcasts(id) WHERE summarized_at IS NULL;
CREATE TABLE broadcast_rows (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
  outbox_id INTEGER NOT NULL,
  PRIMARY KEY (broadcast_id, outbox_id)
);
)sql",
    // 7: a message may carry a file (the digest's chart, an export); its bytes live beside the
    // JSON body, its kind, name and type inside it.
    R"sql(
ALTER TABLE outbox ADD COLUMN file BLOB;
)sql",
    // 8: a listing index holding what a task list filters and orders by, so a person's list
    // reads only its page's rows. Then the "value IN (...)" checks are rewritten (after this
    // SQL, by rewrite_in_checks): SQLite builds a temporary b-tree for such a list on every
    // insert and on every update of the column, which is most of what storing a row costs.
    R"sql(
CREATE INDEX tasks_listing ON tasks(id, status, due_at, done_at, assigner_id);
)sql",
    // 9: a person's tasks of one status in due order, read from one stretch of an index: each
    // assignee row carries its task's status and due time (undated last), kept equal to the
    // task's by triggers, so counting and paging that list neither looks up every task nor
    // sorts them.
    R"sql(
ALTER TABLE task_assignees ADD COLUMN task_status TEXT;
ALTER TABLE task_assignees ADD COLUMN task_due_key INTEGER;
UPDATE task_assignees SET
  task_status = (SELECT status FROM tasks WHERE tasks.id = task_assignees.task_id),
  task_due_key = (SELECT COALESCE(due_at, 9223372036854775807) FROM tasks
                  WHERE tasks.id = task_assignees.task_id);
CREATE INDEX task_assignees_by_due
  ON task_assignees(member_id, task_status, task_due_key, task_id);
-- It starts with what this one held (a member's task ids); one index fewer to write per task.
DROP INDEX task_assignees_member;
CREATE TRIGGER task_assignees_follow_task AFTER UPDATE OF status, due_at ON tasks
  WHEN NEW.status IS NOT OLD.status OR NEW.due_at IS NOT OLD.due_at
BEGIN
  UPDATE task_assignees
    SET task_status = NEW.status, task_due_key = COALESCE(NEW.due_at, 9223372036854775807)
    WHERE task_id = NEW.id;
END;
-- An assignee row written without its task's values gets them here.
CREATE TRIGGER task_assignees_copy_task AFTER INSERT ON task_assignees
  WHEN NEW.task_status IS NULL
BEGIN
  UPDATE task_assignees SET
    task_status = (SELECT status FROM tasks WHERE id = NEW.task_id),
    task_due_key = (SELECT COALESCE(due_at, 9223372036854775807) FROM tasks
                    WHERE id = NEW.task_id)
    WHERE task_id = NEW.task_id AND member_id = NEW.member_id;
END;
)sql",
    // 10: a task's assignees stored in the order of their key (task, member), WITHOUT ROWID,
    // by without_rowid_assignees after this SQL: reading a task's assignees reads one stretch
    // of one b-tree, and adding one writes one b-tree instead of a table and its key's index.
    R"sql(
)sql",
};

constexpr int kRewriteInChecksVersion = 8;
constexpr int kAssigneesWithoutRowidVersion = 10;

struct InCheck {
  const char* table;
  const char* column;
  std::vector<const char*> values;
};

// "CHECK (col IN ('a','b'))" as written in the first schema, and the same rule with OR.
std::string in_list_check(const InCheck& c) {
  std::string out = std::string("CHECK (") + c.column + " IN (";
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    out += (i == 0 ? "'" : ",'") + std::string(c.values[i]) + "'";
  }
  return out + "))";
}

std::string or_check(const InCheck& c) {
  std::string out = "CHECK (";
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    out += (i == 0 ? "" : " OR ") + std::string(c.column) + " = '" + c.values[i] + "'";
  }
  return out + ")";
}

void rewrite_in_checks(storage::Connection& db) {
  const std::vector<InCheck> checks = {
      {"members", "role", {"chairman", "vice_chairman", "standing", "member", "staff"}},
      {"chats", "kind", {"private", "group"}},
      {"tasks", "status", {"open", "done", "cancelled"}},
      {"reminders", "status", {"active", "done", "cancelled"}},
      {"inbox", "status", {"new", "handled", "failed"}},
      {"outbox", "status", {"pending", "sent", "failed"}},
  };
  for (const auto& check : checks) {
    rebuild_table(db, check.table, [&check](const std::string& sql) {
      const std::string from = in_list_check(check);
      const auto at = sql.find(from);
      if (at == std::string::npos) return sql;  // rebuild_table refuses "no change"
      std::string edited = sql;
      edited.replace(at, from.size(), or_check(check));
      return edited;
    });
  }
}

// PRAGMA foreign_keys cannot change inside a transaction; a rebuild needs them off.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(storage::Connection& db)
      : db_(db), were_on_(db.execAndGet("PRAGMA foreign_keys").getInt() != 0) {
    db_.exec("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    try {
      if (were_on_) db_.exec("PRAGMA foreign_keys = ON");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  storage::Connection& db_;
  bool were_on_;
};

void without_rowid_assignees(storage::Connection& db) {
  rebuild_table(db, "task_assignees",
                [](const std::string& sql) { return sql + " WITHOUT ROWID"; });
}

void apply(storage::Connection& db, int version) {
  db.exec(kMigrations.at(static_cast<std::size_t>(version - 1)));
  if (version == kRewriteInChecksVersion) {
    rewrite_in_checks(db);
  } else if (version == kAssigneesWithoutRowidVersion) {
    without_rowid_assignees(db);
  } else {
    return;
  }
  // The rebuilt tables must still agree with everything that points at them.
  if (db.execAndGet("SELECT COUNT(*) FROM pragma_foreign_key_check").getInt() != 0) {
    throw std::runtime_error("foreign keys broken by rebuilding the tables");
  }
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

int migrate(storage::Connection& db) {
  return migrate_to(db, latest_schema_version());
}

int migrate_to(storage::Connection& db, int target) {
  const int current = db.execAndGet("PRAGMA user_version").getInt();
  if (current > latest_schema_version()) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this build (" +
                             std::to_string(latest_schema_version()) + ")");
  }
  int applied = 0;
  for (int version = current + 1; version <= std::min(target, latest_schema_version()); ++version) {
    const ForeignKeysOff keys_off(db);
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    if (db.execAndGet("PRAGMA user_version").getInt() >= version) continue;
    apply(db, version);
    // PRAGMA takes no bound parameters; the value is an integer we control.
    db.exec("PRAGMA user_version = " + std::to_string(version));
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace wgbot::storage
