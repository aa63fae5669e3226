// One SQLite connection with its prepared statements kept for reuse. Compiling SQL costs more
// than running the short statements of a request, so the hot paths ask for a cached statement
// instead of preparing the same text again on every call.
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Statement;
}

namespace wgbot::storage {

class StatementCache;
struct CommittedOutboxRow;

// The use of one prepared statement. On destruction it is reset and its bindings cleared, so
// the next user starts clean and a half-read SELECT does not hold a read snapshot open.
class CachedStatement {
 public:
  CachedStatement(SQLite::Statement& cached, bool& in_use);
  explicit CachedStatement(std::unique_ptr<SQLite::Statement> own);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;

  SQLite::Statement& operator*() const { return *statement_; }
  SQLite::Statement* operator->() const { return statement_; }

 private:
  std::unique_ptr<SQLite::Statement> own_;  // set when the cached one was already in use
  SQLite::Statement* statement_;
  bool* in_use_ = nullptr;
};

class Connection : public SQLite::Database {
 public:
  // `vfs`: the name of a registered SQLite VFS, or empty for the default one.
  Connection(const std::string& path, int flags, const std::string& vfs = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) = delete;
  Connection& operator=(Connection&&) = delete;

  // A prepared statement for `sql`, compiled on first use and reused afterwards. Statements
  // built from bound parameters only: the text is the cache key. If the same text is already in
  // use further up the stack, a fresh statement is prepared for this use.
  CachedStatement prepare(std::string_view sql);

  // SQLite's plan for `sql`, one line per step (for tests that guard which index a query uses).
  [[nodiscard]] std::vector<std::string> query_plan(const std::string& sql);

  // Number of distinct statements compiled and kept (for tests and metrics).
  [[nodiscard]] std::size_t cached_statements() const;

  // While set (the writer sets it on its connection), OutboxRepository::enqueue adds a copy of
  // each row it writes here, so the senders can take a commit's replies without reading them.
  void capture_outbox(std::vector<CommittedOutboxRow>* rows) { outbox_capture_ = rows; }
  [[nodiscard]] std::vector<CommittedOutboxRow>* outbox_capture() const { return outbox_capture_; }

  // Set by the writer while it runs a batch without a savepoint per job: should anything throw,
  // it rolls the whole batch back and runs it again, each job in its own savepoint. A job may
  // then leave out savepoints of its own that only keep a failure from undoing its other work.
  void set_batch_reruns_on_failure(bool reruns) { batch_reruns_on_failure_ = reruns; }
  [[nodiscard]] bool batch_reruns_on_failure() const { return batch_reruns_on_failure_; }

 private:
  std::vector<CommittedOutboxRow>* outbox_capture_ = nullptr;
  bool batch_reruns_on_failure_ = false;
  // Declared after the base, destroyed before it: statements are finalized before the close.
  std::unique_ptr<StatementCache> cache_;
};

}  // namespace wgbot::storage
