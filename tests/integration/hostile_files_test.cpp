// The database's files on disk: one process per database whatever path names it, and files
// only their owner can read (they hold phone numbers, e-mails and webhook secrets).
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "fakes/temp_dir.hpp"
#include "storage/backup.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/db_lock.hpp"
#include "storage/migrations.hpp"

namespace wgbot::testing {
namespace {

namespace fs = std::filesystem;

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<unsigned>(st.st_mode) & 0777U;
}

// The process umask for the test's length.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(previous_); }
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;

 private:
  mode_t previous_;
};

TEST(HostileFiles, ASymlinkToTheDatabaseMeetsTheSameLock) {
  TempDir dir;
  const std::string db = dir.file("data/wgbot.db");
  storage::DbLock first(db);
  storage::open_database(db);  // the served file exists
  fs::create_symlink(dir.path() / "data" / "wgbot.db", dir.path() / "other.db");
  fs::create_directory_symlink(dir.path() / "data", dir.path() / "alias");
  for (const std::string& alias :
       {dir.file("other.db"), dir.file("alias/wgbot.db"), dir.file("data/../data/wgbot.db")}) {
    EXPECT_THROW(storage::DbLock second(alias), std::runtime_error) << alias;
  }
  // Relative to the working directory, too.
  const auto cwd = fs::current_path();
  fs::current_path(dir.path());
  EXPECT_THROW(storage::DbLock second("alias/wgbot.db"), std::runtime_error);
  fs::current_path(cwd);
}

TEST(HostileFiles, ADifferentDatabaseIsNotLocked) {
  TempDir dir;
  storage::DbLock first(dir.file("a.db"));
  EXPECT_NO_THROW(storage::DbLock second(dir.file("b.db")));
}

TEST(HostileFiles, DatabaseFilesAreOwnerOnlyWhateverTheUmask) {
  ScopedUmask umask(022);
  TempDir dir;
  const std::string db = dir.file("data/wgbot.db");
  storage::DbLock lock(db);
  {
    auto conn = storage::open_database(db);
    storage::migrate(*conn);
    conn->exec("INSERT INTO state(key, value) VALUES ('x', 'y')");
    EXPECT_EQ(mode_of(db), 0600U);
    EXPECT_EQ(mode_of(db + "-wal"), 0600U);
    EXPECT_EQ(mode_of(db + "-shm"), 0600U);
  }
  EXPECT_EQ(mode_of(dir.file("data")), 0700U);
  EXPECT_EQ(mode_of(storage::DbLock::lock_path_for(db)), 0600U);
  storage::backup_database(db, dir.file("backups/nightly/wgbot-1.db"));
  EXPECT_EQ(mode_of(dir.file("backups/nightly/wgbot-1.db")), 0600U);
  EXPECT_EQ(mode_of(dir.file("backups/nightly")), 0700U);
  EXPECT_EQ(mode_of(dir.file("backups")), 0700U);
}

TEST(HostileFiles, AnExistingWorldReadableDatabaseIsNarrowed) {
  ScopedUmask umask(022);
  TempDir dir;
  const std::string db = dir.file("wgbot.db");
  {
    auto conn = storage::open_database(db);
    storage::migrate(*conn);
  }
  for (const std::string& f : {db, db + "-wal", db + "-shm"}) {
    if (fs::exists(f)) fs::permissions(f, fs::perms(0644));
  }
  std::ofstream(db + "-wal", std::ios::app).flush();
  fs::permissions(db + "-wal", fs::perms(0644));
  auto conn = storage::open_database(db);
  EXPECT_EQ(mode_of(db), 0600U);
  EXPECT_EQ(mode_of(db + "-wal"), 0600U);
}

}  // namespace
}  // namespace wgbot::testing
