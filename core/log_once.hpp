// Logging an event once per kind: input an attacker controls must not turn into one log line
// per request, yet the first occurrence of each kind is worth a line.
#pragma once

#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace wgbot {

class LogOnce {
 public:
  // Kinds beyond this many are not remembered (and not logged): the set stays bounded even if
  // a caller builds kinds from input.
  static constexpr std::size_t kMaxKinds = 256;

  // True the first time `kind` is seen. Any thread.
  bool first_time(std::string_view kind);

 private:
  std::mutex mu_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace wgbot
