#include "core/thread_name.hpp"

#include <pthread.h>

#include <string>

namespace wgbot {

void set_thread_name(std::string_view name) {
  constexpr std::size_t kMaxName = 15;
  const std::string cut(name.substr(0, kMaxName));
  pthread_setname_np(pthread_self(), cut.c_str());
}

}  // namespace wgbot
