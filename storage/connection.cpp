#include "storage/connection.hpp"

#include <SQLiteCpp/Statement.h>

#include <unordered_map>

namespace wgbot::storage {

namespace {

// Lets the cache be searched with a string_view without building a std::string per lookup.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

}  // namespace

class StatementCache {
 public:
  struct Entry {
    Entry(SQLite::Database& db, const std::string& sql) : statement(db, sql) {}
    SQLite::Statement statement;
    bool in_use = false;
  };

  Entry& get(SQLite::Database& db, std::string_view sql) {
    if (const auto it = entries_.find(sql); it != entries_.end()) return *it->second;
    std::string key(sql);
    auto entry = std::make_unique<Entry>(db, key);
    Entry& ref = *entry;
    entries_.emplace(std::move(key), std::move(entry));
    return ref;
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<Entry>, TextHash, std::equal_to<>> entries_;
};

CachedStatement::CachedStatement(SQLite::Statement& cached, bool& in_use)
    : statement_(&cached), in_use_(&in_use) {
  in_use = true;
}

CachedStatement::CachedStatement(std::unique_ptr<SQLite::Statement> own)
    : own_(std::move(own)), statement_(own_.get()) {}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : own_(std::move(other.own_)), statement_(other.statement_), in_use_(other.in_use_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

CachedStatement::~CachedStatement() {
  if (in_use_ == nullptr) return;  // moved from, or a one-off statement that dies with us
  statement_->tryReset();
  try {
    statement_->clearBindings();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
  *in_use_ = false;
}

Connection::Connection(const std::string& path, int flags, const std::string& vfs)
    : SQLite::Database(path, flags, 0, vfs), cache_(std::make_unique<StatementCache>()) {}

Connection::~Connection() = default;

CachedStatement Connection::prepare(std::string_view sql) {
  auto& entry = cache_->get(*this, sql);
  if (entry.in_use) {
    return CachedStatement(std::make_unique<SQLite::Statement>(*this, std::string(sql)));
  }
  return {entry.statement, entry.in_use};
}

std::vector<std::string> Connection::query_plan(const std::string& sql) {
  auto q = prepare("EXPLAIN QUERY PLAN " + sql);
  std::vector<std::string> steps;
  while (q->executeStep()) steps.push_back(q->getColumn(3).getString());
  return steps;
}

std::size_t Connection::cached_statements() const {
  return cache_->size();
}

}  // namespace wgbot::storage
