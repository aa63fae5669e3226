#include "storage/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace wgbot::storage {

namespace {

// Creates `path` empty with mode 0600 (owner only: a backup holds the whole roster); an existing
// file of that name is replaced.
void create_private_file(const std::string& path) {
  std::filesystem::remove(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  ::close(fd);
}

}  // namespace

void backup_database(const std::string& db_path, const std::string& target_path) {
  if (!std::filesystem::exists(db_path)) {
    throw std::runtime_error("database " + db_path + " does not exist");
  }
  // Written beside the target and renamed over it when complete: the target is either the old
  // file or a whole backup, never half of one.
  const std::string partial = target_path + ".partial";
  try {
    auto source = open_database(db_path);
    ensure_parent_directory(target_path);
    create_private_file(partial);
    {
      storage::Connection target(partial, SQLite::OPEN_READWRITE);
      SQLite::Backup backup(target, *source);
      // All pages in one step, read from one snapshot of the source: the bot keeps writing
      // meanwhile (WAL), and the copy holds exactly the transactions committed before it began.
      backup.executeStep(-1);
    }
    std::filesystem::rename(partial, target_path);
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw std::runtime_error("backup to " + target_path + " failed: " + e.what());
  }
}

}  // namespace wgbot::storage
