// Lines from standard input that a shutdown can interrupt (a blocked std::getline cannot be).
#pragma once

#include <array>
#include <optional>
#include <string>

namespace wgbot {

class StdinLines {
 public:
  StdinLines();
  ~StdinLines();
  StdinLines(const StdinLines&) = delete;
  StdinLines& operator=(const StdinLines&) = delete;

  // The next line without its newline; nullopt at end of input or after cancel().
  std::optional<std::string> next();
  // Wakes a blocked next(); safe from any thread or a signal handler's strand.
  void cancel();

 private:
  std::array<int, 2> wake_pipe_{-1, -1};
  std::string buffer_;
  bool eof_ = false;
};

}  // namespace wgbot
