#include "storage/coalescing_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace wgbot::storage {

namespace {

constexpr const char* kVfsName = "wgbot-coalescing";
// A transaction bigger than this (an import, a migration) is written in pieces of about this size.
constexpr std::size_t kMaxPendingBytes = std::size_t{1} << 20;
// The unix VFS writes at most 128 KiB - 1 bytes per call (it keeps only the low 17 bits of the
// length, a page and its frame header being the most SQLite itself ever writes at once).
constexpr std::size_t kMaxWriteBytes = std::size_t{124} * 1024;

std::atomic<std::uint64_t> wal_writes_asked{0};
std::atomic<std::uint64_t> wal_writes_issued{0};

sqlite3_vfs coalescing_vfs;

// SQLite's handle for a file we opened. The default VFS's own handle is allocated beside it, so
// the default may change (tests install a faulty one) without changing our szOsFile.
struct CoalescingFile {
  sqlite3_file base{};  // first: the part SQLite knows about
  sqlite3_file* real = nullptr;
  CoalescingFile* wal = nullptr;   // a main database file: its connection's -wal file, while open
  CoalescingFile* main = nullptr;  // a -wal file: the main database file it belongs to
  std::vector<unsigned char> pending;  // a -wal file: bytes appended and not yet written
  sqlite3_int64 pending_offset = 0;
  int deferred_error = SQLITE_OK;  // writing at the barrier failed: told at the next call
};

CoalescingFile& as_coalescing(sqlite3_file* file) {
  return *reinterpret_cast<CoalescingFile*>(file);
}

sqlite3_file* real(sqlite3_file* file) {
  return as_coalescing(file).real;
}

const sqlite3_io_methods& real_methods(sqlite3_file* file) {
  return *real(file)->pMethods;
}

// The VFS files are opened through: the default one, unless someone made this one the default.
sqlite3_vfs* underlying() {
  sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
  return vfs == &coalescing_vfs ? sqlite3_vfs_find("unix") : vfs;
}

int write_pending(CoalescingFile& file) {
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < file.pending.size() && rc == SQLITE_OK;) {
    const std::size_t amount = std::min(kMaxWriteBytes, file.pending.size() - done);
    wal_writes_issued.fetch_add(1, std::memory_order_relaxed);
    rc =
        file.real->pMethods->xWrite(file.real, file.pending.data() + done, static_cast<int>(amount),
                                    file.pending_offset + static_cast<sqlite3_int64>(done));
    done += amount;
  }
  file.pending.clear();  // written or failed: SQLite learns which from rc
  return rc;
}

// Before any call that must see the file as SQLite wrote it.
int settle(CoalescingFile& file) {
  if (file.deferred_error != SQLITE_OK) return std::exchange(file.deferred_error, SQLITE_OK);
  return write_pending(file);
}

void destroy(CoalescingFile& file) {
  sqlite3_free(file.real);
  file.~CoalescingFile();
}

// --- every file but a -wal file: passed through, except the barrier ---

int close_file(sqlite3_file* file) {
  CoalescingFile& self = as_coalescing(file);
  if (self.wal != nullptr) self.wal->main = nullptr;
  const int rc = real_methods(file).xClose(self.real);
  destroy(self);
  return rc;
}
int read_file(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  return real_methods(file).xRead(real(file), buffer, amount, offset);
}
int write_file(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  return real_methods(file).xWrite(real(file), buffer, amount, offset);
}
int truncate_file(sqlite3_file* file, sqlite3_int64 size) {
  return real_methods(file).xTruncate(real(file), size);
}
int sync_file(sqlite3_file* file, int flags) {
  return real_methods(file).xSync(real(file), flags);
}
int file_size(sqlite3_file* file, sqlite3_int64* size) {
  return real_methods(file).xFileSize(real(file), size);
}
int lock(sqlite3_file* file, int level) {
  return real_methods(file).xLock(real(file), level);
}
int unlock(sqlite3_file* file, int level) {
  return real_methods(file).xUnlock(real(file), level);
}
int check_reserved_lock(sqlite3_file* file, int* reserved) {
  return real_methods(file).xCheckReservedLock(real(file), reserved);
}
int file_control(sqlite3_file* file, int op, void* arg) {
  return real_methods(file).xFileControl(real(file), op, arg);
}
int sector_size(sqlite3_file* file) {
  return real_methods(file).xSectorSize(real(file));
}
int device_characteristics(sqlite3_file* file) {
  return real_methods(file).xDeviceCharacteristics(real(file));
}
int shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** address) {
  if (real_methods(file).iVersion < 2) return SQLITE_IOERR_SHMMAP;
  return real_methods(file).xShmMap(real(file), region, size, extend, address);
}
int shm_lock(sqlite3_file* file, int offset, int count, int flags) {
  if (real_methods(file).iVersion < 2) return SQLITE_IOERR_SHMLOCK;
  return real_methods(file).xShmLock(real(file), offset, count, flags);
}
// SQLite publishes a commit in the WAL index between two barriers, whatever the synchronous
// setting: the frames must be in the file before any reader can be told they are there. The bot
// always runs synchronous=FULL, where the frames were written at the sync just before (and a
// failure there failed the commit); below FULL a failure here can only be reported late, by the
// WAL's next call.
void shm_barrier(sqlite3_file* file) {
  CoalescingFile& self = as_coalescing(file);
  if (self.wal != nullptr && self.wal->deferred_error == SQLITE_OK) {
    self.wal->deferred_error = write_pending(*self.wal);
  }
  if (real_methods(file).iVersion >= 2) real_methods(file).xShmBarrier(self.real);
}
int shm_unmap(sqlite3_file* file, int delete_flag) {
  if (real_methods(file).iVersion < 2) return SQLITE_OK;
  return real_methods(file).xShmUnmap(real(file), delete_flag);
}
int fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  if (real_methods(file).iVersion < 3) {
    *page = nullptr;
    return SQLITE_OK;
  }
  return real_methods(file).xFetch(real(file), offset, amount, page);
}
int unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  if (real_methods(file).iVersion < 3) return SQLITE_OK;
  return real_methods(file).xUnfetch(real(file), offset, page);
}

// --- a -wal file: appends gathered, written before anything depends on them ---

int close_wal(sqlite3_file* file) {
  CoalescingFile& self = as_coalescing(file);
  const int settled = settle(self);
  if (self.main != nullptr) self.main->wal = nullptr;
  const int rc = real_methods(file).xClose(self.real);
  destroy(self);
  return settled != SQLITE_OK ? settled : rc;
}
int read_wal(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (const int rc = settle(as_coalescing(file)); rc != SQLITE_OK) return rc;
  return read_file(file, buffer, amount, offset);
}
int write_wal(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  CoalescingFile& self = as_coalescing(file);
  wal_writes_asked.fetch_add(1, std::memory_order_relaxed);
  if (self.deferred_error != SQLITE_OK) return std::exchange(self.deferred_error, SQLITE_OK);
  const auto pending = static_cast<sqlite3_int64>(self.pending.size());
  // Only appends are gathered; SQLite rewriting an earlier frame goes after what came before.
  if (pending > 0 && offset != self.pending_offset + pending) {
    if (const int rc = write_pending(self); rc != SQLITE_OK) return rc;
  }
  if (self.pending.empty()) self.pending_offset = offset;
  const auto* bytes = static_cast<const unsigned char*>(buffer);
  try {
    self.pending.insert(self.pending.end(), bytes, bytes + amount);
  } catch (const std::bad_alloc&) {  // no memory to gather: write as SQLite asked
    if (const int rc = write_pending(self); rc != SQLITE_OK) return rc;
    wal_writes_issued.fetch_add(1, std::memory_order_relaxed);
    return write_file(file, buffer, amount, offset);
  }
  return self.pending.size() >= kMaxPendingBytes ? write_pending(self) : SQLITE_OK;
}
int truncate_wal(sqlite3_file* file, sqlite3_int64 size) {
  if (const int rc = settle(as_coalescing(file)); rc != SQLITE_OK) return rc;
  return truncate_file(file, size);
}
int sync_wal(sqlite3_file* file, int flags) {
  if (const int rc = settle(as_coalescing(file)); rc != SQLITE_OK) return rc;
  return sync_file(file, flags);
}
int wal_size(sqlite3_file* file, sqlite3_int64* size) {
  if (const int rc = settle(as_coalescing(file)); rc != SQLITE_OK) return rc;
  return file_size(file, size);
}

constexpr sqlite3_io_methods kFileMethods = {
    .iVersion = 3,
    .xClose = close_file,
    .xRead = read_file,
    .xWrite = write_file,
    .xTruncate = truncate_file,
    .xSync = sync_file,
    .xFileSize = file_size,
    .xLock = lock,
    .xUnlock = unlock,
    .xCheckReservedLock = check_reserved_lock,
    .xFileControl = file_control,
    .xSectorSize = sector_size,
    .xDeviceCharacteristics = device_characteristics,
    .xShmMap = shm_map,
    .xShmLock = shm_lock,
    .xShmBarrier = shm_barrier,
    .xShmUnmap = shm_unmap,
    .xFetch = fetch,
    .xUnfetch = unfetch,
};

// The same, but for the calls that must see the file as SQLite wrote it.
constexpr sqlite3_io_methods wal_methods() {
  sqlite3_io_methods methods = kFileMethods;
  methods.xClose = close_wal;
  methods.xRead = read_wal;
  methods.xWrite = write_wal;
  methods.xTruncate = truncate_wal;
  methods.xSync = sync_wal;
  methods.xFileSize = wal_size;
  return methods;
}
constexpr sqlite3_io_methods kWalMethods = wal_methods();

// A -wal file learns its main database file here: the only moment SQLite says which it is.
void pair_with_main(CoalescingFile& wal, const char* name) {
  sqlite3_file* main = sqlite3_database_file_object(name);
  if (main == nullptr || main->pMethods != &kFileMethods) return;
  CoalescingFile& owner = as_coalescing(main);
  if (owner.wal != nullptr) owner.wal->main = nullptr;
  owner.wal = &wal;
  wal.main = &owner;
}

int open_file(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* self = new (file) CoalescingFile{};
  sqlite3_vfs* vfs = underlying();
  self->real =
      static_cast<sqlite3_file*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(vfs->szOsFile)));
  if (self->real == nullptr) {
    destroy(*self);
    file->pMethods = nullptr;
    return SQLITE_NOMEM;
  }
  std::memset(self->real, 0, static_cast<std::size_t>(vfs->szOsFile));
  const int rc = vfs->xOpen(vfs, name, self->real, flags, out_flags);
  // SQLite calls xClose exactly when pMethods is set: mirror the wrapped file.
  if (self->real->pMethods == nullptr) {
    destroy(*self);
    file->pMethods = nullptr;
    return rc;
  }
  const bool wal = (flags & SQLITE_OPEN_WAL) != 0 && name != nullptr;
  self->base.pMethods = wal ? &kWalMethods : &kFileMethods;
  if (wal) pair_with_main(*self, name);
  return rc;
}

int delete_file(sqlite3_vfs*, const char* name, int sync_dir) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xDelete(vfs, name, sync_dir);
}
int access(sqlite3_vfs*, const char* name, int flags, int* result) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xAccess(vfs, name, flags, result);
}
int full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xFullPathname(vfs, name, size, out);
}
void* dl_open(sqlite3_vfs*, const char* name) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xDlOpen(vfs, name);
}
void dl_error(sqlite3_vfs*, int size, char* message) {
  sqlite3_vfs* vfs = underlying();
  vfs->xDlError(vfs, size, message);
}
using Symbol = void (*)();
Symbol dl_sym(sqlite3_vfs*, void* library, const char* name) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xDlSym(vfs, library, name);
}
void dl_close(sqlite3_vfs*, void* library) {
  sqlite3_vfs* vfs = underlying();
  vfs->xDlClose(vfs, library);
}
int randomness(sqlite3_vfs*, int size, char* out) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xRandomness(vfs, size, out);
}
int sleep_for(sqlite3_vfs*, int microseconds) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xSleep(vfs, microseconds);
}
int current_time(sqlite3_vfs*, double* julian_day) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xCurrentTime(vfs, julian_day);
}
int last_error(sqlite3_vfs*, int size, char* message) {
  sqlite3_vfs* vfs = underlying();
  return vfs->xGetLastError(vfs, size, message);
}
int current_time_ms(sqlite3_vfs*, sqlite3_int64* julian_ms) {
  sqlite3_vfs* vfs = underlying();
  if (vfs->iVersion < 2 || vfs->xCurrentTimeInt64 == nullptr) {
    double day = 0;
    const int rc = vfs->xCurrentTime(vfs, &day);
    *julian_ms = static_cast<sqlite3_int64>(day * 86400000.0);
    return rc;
  }
  return vfs->xCurrentTimeInt64(vfs, julian_ms);
}

void register_vfs() {
  sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
  if (vfs == nullptr) throw std::runtime_error("SQLite has no default VFS");
  coalescing_vfs = sqlite3_vfs{};
  coalescing_vfs.iVersion = 2;
  coalescing_vfs.szOsFile = static_cast<int>(sizeof(CoalescingFile));
  coalescing_vfs.mxPathname = vfs->mxPathname;
  coalescing_vfs.zName = kVfsName;
  coalescing_vfs.xOpen = open_file;
  coalescing_vfs.xDelete = delete_file;
  coalescing_vfs.xAccess = access;
  coalescing_vfs.xFullPathname = full_pathname;
  coalescing_vfs.xDlOpen = dl_open;
  coalescing_vfs.xDlError = dl_error;
  coalescing_vfs.xDlSym = dl_sym;
  coalescing_vfs.xDlClose = dl_close;
  coalescing_vfs.xRandomness = randomness;
  coalescing_vfs.xSleep = sleep_for;
  coalescing_vfs.xCurrentTime = current_time;
  coalescing_vfs.xGetLastError = last_error;
  coalescing_vfs.xCurrentTimeInt64 = current_time_ms;
  if (const int rc = sqlite3_vfs_register(&coalescing_vfs, /*makeDflt=*/0); rc != SQLITE_OK) {
    throw std::runtime_error(std::string("cannot register the SQLite VFS: ") + sqlite3_errstr(rc));
  }
}

}  // namespace

const char* coalescing_vfs_name() {
  static const bool registered = [] {
    register_vfs();
    return true;
  }();
  (void)registered;
  return kVfsName;
}

CoalescingStats coalescing_stats() {
  return CoalescingStats{wal_writes_asked.load(std::memory_order_relaxed),
                         wal_writes_issued.load(std::memory_order_relaxed)};
}

}  // namespace wgbot::storage
