#include "storage/writer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include "storage/connection.hpp"
#include "storage/savepoint.hpp"

namespace wgbot::storage {

Writer::Writer(std::unique_ptr<storage::Connection> db, std::size_t max_batch)
    : db_(std::move(db)), max_batch_(max_batch), thread_([this] { loop(); }) {}

Writer::~Writer() {
  stop();
}

void Writer::submit(Job job, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Entry{std::move(job), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  if (done) done(WriteResult{WriteStatus::stopped, "the database writer is stopped"});
}

void Writer::set_after_commit(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  after_commit_ = std::move(hook);
}

void Writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

Writer::Stats Writer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Writer::loop() {
  std::deque<Entry> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
    batch.clear();
  }
}

void Writer::run_batch(std::deque<Entry>& batch) {
  std::vector<WriteResult> results(batch.size());
  bool any_ok = false;
  // Only a batch that changed rows wakes the listeners: a read-only job (a sender marking
  // nothing, a metrics probe) must not wake them into another round, forever.
  const int changes_before = db_->getTotalChanges();
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      // A savepoint per job: one failing job must not undo its neighbours.
      Savepoint job(*db_, "job");
      try {
        batch[i].job(*db_);
        job.release();
        any_ok = true;
      } catch (const std::exception& e) {
        job.rollback();
        results[i] = WriteResult{WriteStatus::job_failed, e.what()};
      }
    }
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("event=commit_failed jobs={} error=\"{}\"", batch.size(), e.what());
    for (auto& r : results) r = WriteResult{WriteStatus::unavailable, e.what()};
    any_ok = false;
  }
  std::function<void()> hook;
  {
    std::lock_guard lock(mutex_);
    stats_.jobs += batch.size();
    ++stats_.commits;
    for (const auto& r : results) stats_.failures += r.ok() ? 0 : 1;
    hook = after_commit_;
  }
  // Listeners first, so a caller that sees its job done also sees them woken.
  if (any_ok && hook && db_->getTotalChanges() != changes_before) hook();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(results[i]);
  }
}

}  // namespace wgbot::storage
