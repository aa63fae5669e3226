#include "bot/console/stdin_lines.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <utility>

namespace wgbot {

StdinLines::StdinLines() {
  if (::pipe2(wake_pipe_.data(), O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
}

StdinLines::~StdinLines() {
  for (int fd : wake_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

void StdinLines::cancel() {
  if (wake_pipe_[1] >= 0) {
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(wake_pipe_[1], &byte, 1);
  }
}

std::optional<std::string> StdinLines::next() {
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (eof_) {
      if (buffer_.empty()) return std::nullopt;
      return std::exchange(buffer_, std::string());
    }
    std::array<pollfd, 2> fds{{{STDIN_FILENO, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    if ((fds[1].revents & POLLIN) != 0) return std::nullopt;
    std::array<char, 4096> chunk{};
    const auto n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      eof_ = true;
      continue;
    }
    buffer_.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace wgbot
