#include "storage/db_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "storage/database.hpp"

namespace wgbot::storage {

namespace {

std::string read_holder(int fd) {
  std::array<char, 64> buffer{};
  const auto n = pread(fd, buffer.data(), buffer.size() - 1, 0);
  if (n <= 0) return "another process";
  std::string pid(buffer.data(), static_cast<std::size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return "process " + pid;
}

}  // namespace

std::string DbLock::lock_path_for(const std::string& db_path) {
  // The file the path leads to, not the path: a symlink (to the file or to a directory on the
  // way) names the same database and must meet the same lock. The file may not exist yet;
  // weakly_canonical resolves what does.
  std::error_code ec;
  const auto real = std::filesystem::weakly_canonical(std::filesystem::absolute(db_path), ec);
  return (ec ? db_path : real.string()) + ".lock";
}

DbLock::DbLock(const std::string& db_path) {
  ensure_parent_directory(db_path);
  const std::string path = lock_path_for(db_path);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd_ < 0) {
    throw std::runtime_error("cannot open lock file " + path + ": " + std::strerror(errno));
  }
  if (::fchmod(fd_, S_IRUSR | S_IWUSR) != 0) {
    // Not fatal: the lock works; the file holds only a PID.
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const std::string holder = read_holder(fd_);
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("database " + db_path + " is already served by " + holder + " (lock " +
                             path + ")");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The lock itself is held; the PID is only informative.
  }
}

DbLock::~DbLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace wgbot::storage
