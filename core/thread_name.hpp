// Names the calling thread, so `top -H`, `perf` and gdb show which part of the bot uses the CPU.
#pragma once

#include <string_view>

namespace wgbot {

// At most 15 bytes are kept (the kernel's limit); longer names are cut.
void set_thread_name(std::string_view name);

}  // namespace wgbot
