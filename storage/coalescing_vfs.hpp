// The SQLite VFS the bot opens its databases with: the default one, except that the pages a
// commit appends to the -wal file reach the kernel in one write instead of two per page.
//
// SQLite writes each WAL frame as a 24-byte header and a page, each with its own write system
// call, and a batch of updates commits dozens of frames. The appends are gathered in memory and
// written at the commit's sync, before anything reads, sizes, truncates or closes the -wal file,
// and before the commit becomes visible to other connections (the main file's shared-memory
// barrier), so no reader, checkpoint or crash sees less than SQLite wrote.
#pragma once

#include <cstdint>

namespace wgbot::storage {

// Registers the VFS on first use (not as the default) and returns its name, for sqlite3_open_v2.
// Files are opened through whatever the default VFS is at that moment.
const char* coalescing_vfs_name();

// Process-wide counts, for tests and benchmarks: writes SQLite asked for on -wal files, and the
// write calls that actually reached the file system for them.
struct CoalescingStats {
  std::uint64_t wal_writes_asked = 0;
  std::uint64_t wal_writes_issued = 0;
};
CoalescingStats coalescing_stats();

}  // namespace wgbot::storage
