#include "fakes/faulty_vfs.hpp"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace wgbot::testing {
namespace {

constexpr char kVfsName[] = "wgbot-faulty";

// Not a valid b-tree page type and far beyond any page number, so SQLite rejects such a page as
// corrupt instead of trusting it.
constexpr unsigned char kGarbageByte = 0xA5;

constexpr sqlite3_int64 kWalHeaderSize = 32;
constexpr sqlite3_int64 kWalFrameHeaderSize = 24;

// SQLite's handle for a file we opened; the default VFS's own handle lives in the bytes right
// after it (szOsFile reserves room for both).
struct FaultyFile {
  sqlite3_file base;  // must be first: this is the part SQLite knows about
  sqlite3_file* real;
  FaultyVfs* owner;
  bool is_main_db;
  bool is_wal;
};

sqlite3_vfs* default_vfs = nullptr;  // set once, before registration
sqlite3_vfs faulty_vfs;

FaultyFile* AsFaulty(sqlite3_file* file) {
  return reinterpret_cast<FaultyFile*>(file);
}

sqlite3_file* Real(sqlite3_file* file) {
  return AsFaulty(file)->real;
}

const sqlite3_io_methods& RealMethods(sqlite3_file* file) {
  return *Real(file)->pMethods;
}

bool IsWholePage(int amount) {
  return amount >= 512 && amount <= 65536 && (amount & (amount - 1)) == 0;
}

// Whether a read fetches the content of a database page other than page 1. Headers, WAL recovery
// (which reads header + page together) and page 1 are left intact, so SQLite still recognises the
// file and reports SQLITE_CORRUPT rather than SQLITE_NOTADB or silently dropping WAL frames.
bool ReadsPageContentBeyondPage1(FaultyFile* file, int amount, sqlite3_int64 offset) {
  if (!IsWholePage(amount)) return false;
  if (file->is_main_db) return offset != 0;
  if (offset < kWalHeaderSize + kWalFrameHeaderSize) return false;
  // Page content in the WAL follows a frame header whose first 4 bytes are the page number.
  unsigned char page_number[4];
  if (file->real->pMethods->xRead(file->real, page_number, sizeof page_number,
                                  offset - kWalFrameHeaderSize) != SQLITE_OK) {
    return false;
  }
  return !(page_number[0] == 0 && page_number[1] == 0 && page_number[2] == 0 &&
           page_number[3] == 1);
}

}  // namespace

// Static callbacks for SQLite; nested so they can reach FaultyVfs's private state.
struct FaultyVfs::Shim {
  static int Inject(FaultyFile* file, int result_code) {
    FaultyVfs& owner = *file->owner;
    owner.faults_injected_.fetch_add(1, std::memory_order_relaxed);
    if (owner.remaining_.load() > 0 && owner.remaining_.fetch_sub(1) == 1) owner.disarm();
    return result_code;
  }

  // The fault armed for this operation: none for files we leave alone, other threads, and the
  // operations the caller asked to let through first.
  static StorageFault ArmedFor(FaultyFile* file) {
    const StorageFault fault = ArmedForFile(file);
    if (fault == StorageFault::none) return fault;
    FaultyVfs& owner = *file->owner;
    for (int skip = owner.skip_.load(); skip > 0; skip = owner.skip_.load()) {
      if (owner.skip_.compare_exchange_weak(skip, skip - 1)) return StorageFault::none;
    }
    return fault;
  }

  static StorageFault ArmedForFile(FaultyFile* file) {
    if (!file->is_main_db && !file->is_wal) return StorageFault::none;
    const std::thread::id only_on = file->owner->only_on_.load();
    if (only_on != std::thread::id{} && only_on != std::this_thread::get_id()) {
      return StorageFault::none;
    }
    return file->owner->armed();
  }

  // --- sqlite3_io_methods ---

  static int Close(sqlite3_file* file) { return RealMethods(file).xClose(Real(file)); }

  static int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    FaultyFile* faulty = AsFaulty(file);
    const StorageFault armed = ArmedForFile(faulty);
    const bool page_fault = (armed == StorageFault::corrupt || armed == StorageFault::read_error) &&
                            ReadsPageContentBeyondPage1(faulty, amount, offset);
    if (armed != StorageFault::no_memory && !page_fault) {
      return RealMethods(file).xRead(Real(file), buffer, amount, offset);
    }
    switch (ArmedFor(faulty)) {
      case StorageFault::no_memory:
        return Inject(faulty, SQLITE_IOERR_NOMEM);
      case StorageFault::corrupt:
        if (ReadsPageContentBeyondPage1(faulty, amount, offset)) {
          std::memset(buffer, kGarbageByte, static_cast<size_t>(amount));
          return Inject(faulty, SQLITE_OK);
        }
        break;
      case StorageFault::read_error:
        if (ReadsPageContentBeyondPage1(faulty, amount, offset)) {
          return Inject(faulty, SQLITE_IOERR_READ);
        }
        break;
      default:
        break;
    }
    return RealMethods(file).xRead(Real(file), buffer, amount, offset);
  }

  static int Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    FaultyFile* faulty = AsFaulty(file);
    switch (ArmedFor(faulty)) {
      case StorageFault::disk_full:
        return Inject(faulty, SQLITE_FULL);
      case StorageFault::io_error:
        return Inject(faulty, SQLITE_IOERR_WRITE);
      case StorageFault::no_memory:
        return Inject(faulty, SQLITE_IOERR_NOMEM);
      case StorageFault::corrupt:
        // SQLite may hold garbage pages now (e.g. a checkpoint copying WAL frames); none of it
        // may reach the disk, or disarming would not bring the database back.
        return Inject(faulty, SQLITE_IOERR_WRITE);
      case StorageFault::read_error:
      case StorageFault::none:
        break;
    }
    return RealMethods(file).xWrite(Real(file), buffer, amount, offset);
  }

  static int Truncate(sqlite3_file* file, sqlite3_int64 size) {
    return RealMethods(file).xTruncate(Real(file), size);
  }
  static int Sync(sqlite3_file* file, int flags) {
    FaultyFile* faulty = AsFaulty(file);
    if (faulty->is_main_db) faulty->owner->wait_while_syncs_held();
    return RealMethods(file).xSync(Real(file), flags);
  }
  static int FileSize(sqlite3_file* file, sqlite3_int64* size) {
    return RealMethods(file).xFileSize(Real(file), size);
  }
  static int Lock(sqlite3_file* file, int level) {
    return RealMethods(file).xLock(Real(file), level);
  }
  static int Unlock(sqlite3_file* file, int level) {
    return RealMethods(file).xUnlock(Real(file), level);
  }
  static int CheckReservedLock(sqlite3_file* file, int* reserved) {
    return RealMethods(file).xCheckReservedLock(Real(file), reserved);
  }
  static int FileControl(sqlite3_file* file, int op, void* arg) {
    return RealMethods(file).xFileControl(Real(file), op, arg);
  }
  static int SectorSize(sqlite3_file* file) { return RealMethods(file).xSectorSize(Real(file)); }
  static int DeviceCharacteristics(sqlite3_file* file) {
    return RealMethods(file).xDeviceCharacteristics(Real(file));
  }

  // Shared memory (the -shm WAL index) is never faulted; it is not what a sick disk breaks first.
  static int ShmMap(sqlite3_file* file, int region, int region_size, int extend,
                    void volatile** address) {
    if (RealMethods(file).iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return RealMethods(file).xShmMap(Real(file), region, region_size, extend, address);
  }
  static int ShmLock(sqlite3_file* file, int offset, int count, int flags) {
    if (RealMethods(file).iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return RealMethods(file).xShmLock(Real(file), offset, count, flags);
  }
  static void ShmBarrier(sqlite3_file* file) {
    if (RealMethods(file).iVersion >= 2) RealMethods(file).xShmBarrier(Real(file));
  }
  static int ShmUnmap(sqlite3_file* file, int delete_flag) {
    if (RealMethods(file).iVersion < 2) return SQLITE_OK;
    return RealMethods(file).xShmUnmap(Real(file), delete_flag);
  }

  static int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
    // A memory-mapped page would bypass Read(); returning none makes SQLite fall back to xRead.
    if (ArmedFor(AsFaulty(file)) != StorageFault::none || RealMethods(file).iVersion < 3) {
      *page = nullptr;
      return SQLITE_OK;
    }
    return RealMethods(file).xFetch(Real(file), offset, amount, page);
  }
  static int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    if (RealMethods(file).iVersion < 3) return SQLITE_OK;
    return RealMethods(file).xUnfetch(Real(file), offset, page);
  }

  static constexpr sqlite3_io_methods kIoMethods = {
      .iVersion = 3,
      .xClose = Close,
      .xRead = Read,
      .xWrite = Write,
      .xTruncate = Truncate,
      .xSync = Sync,
      .xFileSize = FileSize,
      .xLock = Lock,
      .xUnlock = Unlock,
      .xCheckReservedLock = CheckReservedLock,
      .xFileControl = FileControl,
      .xSectorSize = SectorSize,
      .xDeviceCharacteristics = DeviceCharacteristics,
      .xShmMap = ShmMap,
      .xShmLock = ShmLock,
      .xShmBarrier = ShmBarrier,
      .xShmUnmap = ShmUnmap,
      .xFetch = Fetch,
      .xUnfetch = Unfetch,
  };

  // --- sqlite3_vfs ---

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                  int* out_flags) {
    FaultyFile* faulty = AsFaulty(file);
    faulty->base.pMethods = nullptr;
    faulty->real = reinterpret_cast<sqlite3_file*>(faulty + 1);
    faulty->real->pMethods = nullptr;
    faulty->owner = static_cast<FaultyVfs*>(vfs->pAppData);
    faulty->is_main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    faulty->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
    const int rc = default_vfs->xOpen(default_vfs, name, faulty->real, flags, out_flags);
    // SQLite calls xClose exactly when pMethods is set, so mirror the wrapped file.
    if (faulty->real->pMethods != nullptr) faulty->base.pMethods = &kIoMethods;
    return rc;
  }
  static int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
    return default_vfs->xDelete(default_vfs, name, sync_dir);
  }
  static int Access(sqlite3_vfs*, const char* name, int flags, int* result) {
    return default_vfs->xAccess(default_vfs, name, flags, result);
  }
  static int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return default_vfs->xFullPathname(default_vfs, name, size, out);
  }
  static void* DlOpen(sqlite3_vfs*, const char* name) {
    return default_vfs->xDlOpen(default_vfs, name);
  }
  static void DlError(sqlite3_vfs*, int size, char* message) {
    default_vfs->xDlError(default_vfs, size, message);
  }
  using Symbol = void (*)(void);
  static Symbol DlSym(sqlite3_vfs*, void* library, const char* name) {
    return default_vfs->xDlSym(default_vfs, library, name);
  }
  static void DlClose(sqlite3_vfs*, void* library) { default_vfs->xDlClose(default_vfs, library); }
  static int Randomness(sqlite3_vfs*, int size, char* out) {
    return default_vfs->xRandomness(default_vfs, size, out);
  }
  static int Sleep(sqlite3_vfs*, int microseconds) {
    return default_vfs->xSleep(default_vfs, microseconds);
  }
  static int CurrentTime(sqlite3_vfs*, double* julian_day) {
    return default_vfs->xCurrentTime(default_vfs, julian_day);
  }
  static int GetLastError(sqlite3_vfs*, int size, char* message) {
    return default_vfs->xGetLastError(default_vfs, size, message);
  }
  static int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* julian_ms) {
    return default_vfs->xCurrentTimeInt64(default_vfs, julian_ms);
  }
  static int SetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return default_vfs->xSetSystemCall(default_vfs, name, call);
  }
  static sqlite3_syscall_ptr GetSystemCall(sqlite3_vfs*, const char* name) {
    return default_vfs->xGetSystemCall(default_vfs, name);
  }
  static const char* NextSystemCall(sqlite3_vfs*, const char* name) {
    return default_vfs->xNextSystemCall(default_vfs, name);
  }

  static void Register(FaultyVfs& owner) {
    default_vfs = sqlite3_vfs_find(nullptr);
    if (default_vfs == nullptr) throw std::runtime_error("FaultyVfs: SQLite has no default VFS");

    faulty_vfs = sqlite3_vfs{};
    // Only claim the interface version the wrapped VFS implements, so SQLite never calls a
    // forwarder whose target is missing.
    faulty_vfs.iVersion = default_vfs->iVersion;
    faulty_vfs.szOsFile = static_cast<int>(sizeof(FaultyFile)) + default_vfs->szOsFile;
    faulty_vfs.mxPathname = default_vfs->mxPathname;
    faulty_vfs.zName = kVfsName;
    faulty_vfs.pAppData = &owner;
    faulty_vfs.xOpen = Open;
    faulty_vfs.xDelete = Delete;
    faulty_vfs.xAccess = Access;
    faulty_vfs.xFullPathname = FullPathname;
    faulty_vfs.xDlOpen = DlOpen;
    faulty_vfs.xDlError = DlError;
    faulty_vfs.xDlSym = DlSym;
    faulty_vfs.xDlClose = DlClose;
    faulty_vfs.xRandomness = Randomness;
    faulty_vfs.xSleep = Sleep;
    faulty_vfs.xCurrentTime = CurrentTime;
    faulty_vfs.xGetLastError = GetLastError;
    if (faulty_vfs.iVersion >= 2) faulty_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    if (faulty_vfs.iVersion >= 3) {
      faulty_vfs.xSetSystemCall = SetSystemCall;
      faulty_vfs.xGetSystemCall = GetSystemCall;
      faulty_vfs.xNextSystemCall = NextSystemCall;
    }

    const int rc = sqlite3_vfs_register(&faulty_vfs, /*makeDflt=*/1);
    if (rc != SQLITE_OK) {
      throw std::runtime_error("FaultyVfs: sqlite3_vfs_register failed: " +
                               std::string(sqlite3_errstr(rc)));
    }
  }
};

// The wrapped handle is placed right after FaultyFile, so that offset must suit its alignment.
static_assert(sizeof(FaultyFile) % alignof(sqlite3_int64) == 0);

FaultyVfs& FaultyVfs::install() {
  // A function-local static makes registration happen once, even with racing callers.
  static FaultyVfs& instance = []() -> FaultyVfs& {
    static FaultyVfs vfs;
    Shim::Register(vfs);
    return vfs;
  }();
  return instance;
}

void FaultyVfs::arm(StorageFault fault, int times, std::thread::id only_on, int skip) {
  remaining_.store(times, std::memory_order_release);
  skip_.store(skip, std::memory_order_release);
  only_on_.store(only_on, std::memory_order_release);
  armed_.store(fault, std::memory_order_release);
}

void FaultyVfs::disarm() {
  armed_.store(StorageFault::none, std::memory_order_release);
  remaining_.store(kAlways, std::memory_order_release);
  only_on_.store(std::thread::id{}, std::memory_order_release);
  skip_.store(0, std::memory_order_release);
}

StorageFault FaultyVfs::armed() const {
  return armed_.load(std::memory_order_acquire);
}

int FaultyVfs::faults_injected() const {
  return faults_injected_.load(std::memory_order_relaxed);
}

void FaultyVfs::hold_database_syncs() {
  std::lock_guard lock(sync_mutex_);
  holding_syncs_ = true;
}

void FaultyVfs::release_database_syncs() {
  std::lock_guard lock(sync_mutex_);
  holding_syncs_ = false;
  sync_changed_.notify_all();
}

bool FaultyVfs::wait_for_held_sync(std::chrono::milliseconds timeout) {
  std::unique_lock lock(sync_mutex_);
  return sync_changed_.wait_for(lock, timeout, [this] { return held_syncs_ > 0; });
}

void FaultyVfs::wait_while_syncs_held() {
  std::unique_lock lock(sync_mutex_);
  if (!holding_syncs_) return;
  ++held_syncs_;
  sync_changed_.notify_all();
  sync_changed_.wait(lock, [this] { return !holding_syncs_; });
  --held_syncs_;
}

}  // namespace wgbot::testing
