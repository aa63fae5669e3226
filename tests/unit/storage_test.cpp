#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/temp_dir.hpp"
#include "storage/account_repository.hpp"
#include "storage/backup.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/db_lock.hpp"
#include "storage/inbox_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

TEST(Migrations, RunFromEmptyAndAreIdempotent) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  EXPECT_EQ(migrate(*db), latest_schema_version());
  EXPECT_EQ(db->execAndGet("PRAGMA user_version").getInt(), latest_schema_version());
  EXPECT_EQ(migrate(*db), 0);
  for (const char* table :
       {"units", "members", "accounts", "chats", "tasks", "task_events", "reminders", "inbox",
        "outbox", "audit_log", "settings", "digests_sent", "invites"}) {
    EXPECT_TRUE(db->tableExists(table)) << table;
  }
}

TEST(Database, PragmasForDurability) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  EXPECT_EQ(db->execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(db->execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
  EXPECT_EQ(db->execAndGet("PRAGMA foreign_keys").getInt(), 1);
}

// The writer's cache holds its working set (a negative size is in KiB); readers keep the default.
// A connection keeps SQLite's own checkpoint every 1,000 pages; the server's writer hands it to
// a thread of its own (WalCheckpointer, docs/architecture.md).
TEST(Database, TheWriterKeepsALargerPageCache) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  EXPECT_EQ(db->execAndGet("PRAGMA cache_size").getInt(), -3072);
  EXPECT_EQ(db->execAndGet("PRAGMA wal_autocheckpoint").getInt(), 1000);
  auto reader = open_database(dir.file("a.db"), OpenMode::read_only);
  EXPECT_EQ(reader->execAndGet("PRAGMA cache_size").getInt(), -2000);
}

// Savepoint journals and temporary tables are kept in memory: written to a file they cost a
// system call per page for every writer job.
TEST(Database, TemporaryStorageIsMemory) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  EXPECT_EQ(db->execAndGet("PRAGMA temp_store").getInt(), 2);  // MEMORY
}

// Whether another process could take the lock SQLite's connections hold on the WAL index
// while any is open (the "dead man switch" byte, 128); the first to take it resets the index.
bool another_process_could_reset_the_wal_index(const std::string& shm) {
  const pid_t child = ::fork();
  if (child == 0) {
    const int fd = ::open(shm.c_str(), O_RDWR);
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 128;
    probe.l_len = 1;
    const bool free = fd >= 0 && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type == F_UNLCK;
    ::_exit(free ? 1 : 0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 1;
}

// A second connection opened in the process (the checkpointer's) must not take the first one's
// locks away: closing any descriptor of a file drops all of the process's POSIX locks on it,
// and another process (a backup) would then reset the WAL index under the first connection,
// which dies of SIGBUS at its next commit.
TEST(Database, OpeningItAgainKeepsTheFirstConnectionsLocks) {
  TempDir dir;
  const std::string path = dir.file("a.db");
  auto first = open_database(path);
  first->exec("CREATE TABLE t (x INTEGER)");
  ASSERT_FALSE(another_process_could_reset_the_wal_index(path + "-shm"));
  auto second = open_database(path);
  EXPECT_FALSE(another_process_could_reset_the_wal_index(path + "-shm"));
  first->exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(second->execAndGet("SELECT COUNT(*) FROM t").getInt(), 1);
}

TEST(Migrations, RefuseADatabaseFromTheFuture) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  db->exec("PRAGMA user_version = 999");
  EXPECT_THROW(migrate(*db), std::runtime_error);
}

TEST(Inbox, SameUpdateIsStoredOnce) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  InboxRepository inbox(*db);
  EXPECT_TRUE(inbox.insert("telegram", "815204417", "{}", 1).has_value());
  EXPECT_FALSE(inbox.insert("telegram", "815204417", "{}", 2).has_value());
  EXPECT_TRUE(inbox.insert("zalo_bot", "815204417", "{}", 2).has_value());
  EXPECT_EQ(inbox.count(), 2);
}

// A file's bytes (any bytes, NUL included) and its kind, name and type survive the outbox.
TEST(Outbox, RoundTripsAFile) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  OutboxRepository outbox(*db);
  Outgoing o;
  o.platform = "telegram";
  o.chat_id = "42";
  o.text = "Biểu đồ";
  o.file.kind = FileKind::photo;
  o.file.name = "digest.png";
  o.file.content_type = "image/png";
  o.file.bytes = std::string("\x89PNG\0\0\xff", 7);
  outbox.enqueue(o, 10);
  Outgoing plain = o;
  plain.file = OutgoingFile{};
  outbox.enqueue(plain, 10);
  const auto rows = outbox.due("telegram", 10, 10);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].message.file.kind, FileKind::photo);
  EXPECT_EQ(rows[0].message.file.name, "digest.png");
  EXPECT_EQ(rows[0].message.file.content_type, "image/png");
  EXPECT_EQ(rows[0].message.file.bytes, o.file.bytes);
  EXPECT_EQ(rows[1].message.file.kind, FileKind::none);
  EXPECT_TRUE(rows[1].message.file.bytes.empty());
}

TEST(Outbox, RoundTripsButtonsAndReplies) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  OutboxRepository outbox(*db);
  Outgoing o;
  o.platform = "telegram";
  o.chat_id = "-100";
  o.text = "Việc #12 <b>";
  o.buttons = {{Button{"✅ Xong", "done:12"}}};
  o.reply_to_message_id = "5521";
  outbox.enqueue(o, 10);
  const auto rows = outbox.due("telegram", 10, 10);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].message.text, o.text);
  EXPECT_EQ(rows[0].message.buttons.at(0).at(0).data, "done:12");
  EXPECT_EQ(rows[0].message.reply_to_message_id, "5521");
  EXPECT_EQ(outbox.depth(), 1);
  outbox.mark_retry(rows[0].id, 20, "503");
  EXPECT_TRUE(outbox.due("telegram", 19, 10).empty());
  outbox.mark_sent(rows[0].id, 21);
  EXPECT_EQ(outbox.depth(), 0);
}

TEST(Outbox, RoundTripsEveryFieldAndTextThatIsNotUtf8) {
  Outgoing o;
  o.platform = "telegram";
  o.chat_id = "-100";
  o.kind = OutKind::edit;
  o.text = "Dòng 1\n\"trích\" \\ \t\x01 cắt\xE1\xBA";  // a character cut in half at the end
  o.buttons = {
      {Button{"✅ Xong", "done:12"}, Button{"Chi tiết", "detail:12"}}, {}, {Button{"x", "y"}}};
  o.hint = "/xong 12";
  o.reply_to_message_id = "5521";
  o.callback_id = "cb-1";
  o.edit_message_id = "88";
  o.private_fallback_chat_id = "7";
  o.file = OutgoingFile{FileKind::document, "việc.csv", "text/csv", ""};
  const Outgoing back = deserialize_outgoing(o.platform, o.chat_id, "edit", serialize_outgoing(o));
  EXPECT_EQ(back.text, "Dòng 1\n\"trích\" \\ \t\x01 cắt\xEF\xBF\xBD");  // stored, not refused
  EXPECT_EQ(back.kind, OutKind::edit);
  ASSERT_EQ(back.buttons.size(), 3U);
  EXPECT_EQ(back.buttons[0].size(), 2U);
  EXPECT_EQ(back.buttons[0][1].label, "Chi tiết");
  EXPECT_EQ(back.buttons[0][1].data, "detail:12");
  EXPECT_TRUE(back.buttons[1].empty());
  EXPECT_EQ(back.buttons[2][0].data, "y");
  EXPECT_EQ(back.hint, o.hint);
  EXPECT_EQ(back.reply_to_message_id, o.reply_to_message_id);
  EXPECT_EQ(back.callback_id, o.callback_id);
  EXPECT_EQ(back.edit_message_id, o.edit_message_id);
  EXPECT_EQ(back.private_fallback_chat_id, o.private_fallback_chat_id);
  EXPECT_EQ(back.file.kind, FileKind::document);
  EXPECT_EQ(back.file.name, "việc.csv");
  EXPECT_EQ(back.file.content_type, "text/csv");
}

TEST(Accounts, TouchWritesOnlyWhatChangedAndLastSeenToTheMinute) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  AccountRepository accounts(*db);
  const SeenAccount seen{"telegram", "42", "lan", "Lan", "42"};
  accounts.touch(seen, 1000);
  const auto last_seen = [&] {
    return db->execAndGet("SELECT last_seen_at FROM accounts WHERE platform_user_id = '42'")
        .getInt64();
  };
  const int before = db->getTotalChanges();
  accounts.touch(seen, 1030);  // nothing new, seen again within the minute
  EXPECT_EQ(db->getTotalChanges(), before);
  EXPECT_EQ(last_seen(), 1000);
  accounts.touch(seen, 1061);
  EXPECT_EQ(db->getTotalChanges(), before + 1);
  EXPECT_EQ(last_seen(), 1061);
  const auto renamed = accounts.touch(SeenAccount{"telegram", "42", "lan_ubnd", "", ""}, 1062);
  EXPECT_EQ(renamed.username, "lan_ubnd");
  EXPECT_EQ(renamed.display_name, "Lan");    // not given: kept
  EXPECT_EQ(renamed.private_chat_id, "42");  // a group message does not forget the chat
  EXPECT_EQ(last_seen(), 1062);
}

TEST(MemberSearch, FindsByFoldedNameOrHandle) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  MemberRepository members(*db);
  members.add(NewMember{"quy", "Ngô Văn Quý", std::nullopt, Role::vice_chairman}, 1);
  members.add(NewMember{"do", "Đỗ Thị Lan", std::nullopt, Role::member}, 1);
  EXPECT_EQ(members.search("quy").size(), 1U);
  EXPECT_EQ(members.search("ngo van quy").size(), 1U);
  EXPECT_EQ(members.search("do thi").at(0).handle, "do");
  EXPECT_TRUE(members.search("nobody").empty());
  EXPECT_THROW(members.add(NewMember{"QUY", "X", std::nullopt, Role::member}, 1),
               std::runtime_error);
}

TEST(DbLock, SecondHolderIsRefusedWithThePid) {
  TempDir dir;
  const auto path = dir.file("a.db");
  DbLock first(path);
  try {
    DbLock second(path);
    FAIL() << "second lock was granted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("process " + std::to_string(::getpid())),
              std::string::npos)
        << e.what();
  }
}

TEST(DbLock, ReleasedWhenTheHolderGoes) {
  TempDir dir;
  const auto path = dir.file("a.db");
  { DbLock first(path); }
  EXPECT_NO_THROW(DbLock again(path));
}

TEST(Backup, CopiesALiveDatabase) {
  TempDir dir;
  auto db = open_database(dir.file("a.db"));
  migrate(*db);
  MemberRepository(*db).add(NewMember{"quy", "Ngô Văn Quý", std::nullopt, Role::member}, 1);
  backup_database(dir.file("a.db"), dir.file("copy.db"));
  auto copy = open_database(dir.file("copy.db"));
  EXPECT_EQ(MemberRepository(*copy).by_handle("quy")->name, "Ngô Văn Quý");
}

}  // namespace
}  // namespace wgbot::storage
