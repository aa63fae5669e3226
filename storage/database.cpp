#include "storage/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "storage/coalescing_vfs.hpp"
#include "storage/connection.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace wgbot::storage {

namespace {
constexpr int kBusyTimeoutMs = 5000;

// SQLite counts every allocation under one process-wide mutex unless told otherwise, so the
// writer, the outbox readers and the scheduler would take turns on it for each allocation. The
// bot never reads those counts. Possible only before SQLite starts (else refused, harmlessly).
void configure_sqlite_once() {
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
}
}  // namespace

void ensure_parent_directory(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<fs::path> missing;
  for (auto dir = fs::path(path).parent_path(); !dir.empty() && !fs::exists(dir);
       dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  std::reverse(missing.begin(), missing.end());  // outermost first
  for (const auto& dir : missing) {
    if (::mkdir(dir.c_str(), S_IRWXU) != 0 && errno != EEXIST) {
      throw std::runtime_error("cannot create directory " + dir.string() + ": " +
                               std::strerror(errno));
    }
  }
}

void make_private_file(const std::string& path) {
  // An existing file is never opened here: closing any descriptor of a file drops every POSIX
  // lock this process holds on it, so a connection already open on the database would lose its
  // locks and another process could then reset the shared WAL index under it.
  if (::chmod(path.c_str(), S_IRUSR | S_IWUSR) == 0) return;
  if (errno != ENOENT) {
    throw std::runtime_error("cannot chmod " + path + ": " + std::strerror(errno));
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  }
  // Created just now (or a moment ago by another process, which holds no lock on it yet).
  const int rc = ::fchmod(fd, S_IRUSR | S_IWUSR);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot chmod " + path + ": " + std::strerror(err));
}

namespace {

// The -wal and -shm of an existing database, made before files were created private.
void narrow_sidecars(const std::string& path) {
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string sidecar = path + suffix;
    if (std::filesystem::exists(sidecar)) make_private_file(sidecar);
  }
}

}  // namespace

std::unique_ptr<storage::Connection> open_database(const std::string& path, OpenMode mode) {
  configure_sqlite_once();
  try {
    int flags = SQLite::OPEN_READONLY;
    if (mode == OpenMode::read_write) {
      ensure_parent_directory(path);
      if (path != ":memory:" && !path.empty()) {
        make_private_file(path);
        narrow_sidecars(path);
      }
      flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    }
    auto db =
        std::make_unique<Connection>(path, flags | SQLite::OPEN_NOMUTEX, coalescing_vfs_name());
    db->setBusyTimeout(kBusyTimeoutMs);
    if (mode == OpenMode::read_write) db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    // A writer job in a savepoint (each one, unless its whole batch may be run again) has every
    // page it changes first copied to a statement journal. On disk that journal cost a write
    // system call per page, most of the writes the bot made; in memory it is a copy.
    db->exec("PRAGMA temp_store=MEMORY");
    // The writer's hot pages (a person's list reads ten tasks scattered over the table, and the
    // index pages every new task and reply touch) outgrew SQLite's default 2 MiB: each page it
    // missed cost a read system call. 3 MiB halved those reads for about 1 MiB more RSS.
    if (mode == OpenMode::read_write) db->exec("PRAGMA cache_size=-3072");
    return db;
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + path + ": " + e.what());
  }
}

}  // namespace wgbot::storage
