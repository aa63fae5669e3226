// Threads name themselves so that top -H and perf tell the writer from the scheduler.
#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

#include "core/thread_name.hpp"

namespace wgbot {
namespace {

std::string own_comm() {
  std::ifstream in("/proc/self/task/" + std::to_string(syscall(SYS_gettid)) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

TEST(ThreadName, TheKernelShowsTheNameCutToFifteenBytes) {
  std::string short_name;
  std::string long_name;
  std::thread([&] {
    set_thread_name("wgbot-writer");
    short_name = own_comm();
    set_thread_name("wgbot-a-very-long-thread-name");
    long_name = own_comm();
  }).join();
  EXPECT_EQ(short_name, "wgbot-writer");
  EXPECT_EQ(long_name, "wgbot-a-very-lo");
}

}  // namespace
}  // namespace wgbot
