// The writer hands the senders the outbox rows a commit wrote, so they need not read them back;
// only when those rows are everything the commit added to the outbox, exactly as stored.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fakes/temp_dir.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

Outgoing reply(const std::string& chat, const std::string& text) {
  Outgoing m;
  m.platform = "telegram";
  m.chat_id = chat;
  m.text = text;
  return m;
}

Writer::Job enqueue(const std::string& chat, const std::string& text) {
  return [chat, text](Connection& db) { OutboxRepository(db).enqueue(reply(chat, text), 100); };
}

class CommittedOutboxTest : public ::testing::Test {
 protected:
  CommittedOutboxTest() {
    auto db = open_database(dir_.file("o.db"));
    migrate(*db);
    writer_ = std::make_unique<Writer>(std::move(db));
    writer_->set_after_commit([this](const CommitChanges& changes) {
      if (changes.inserted("outbox")) handed_.push_back(changes.outbox());
    });
  }
  ~CommittedOutboxTest() override { writer_->stop(); }
  CommittedOutboxTest(const CommittedOutboxTest&) = delete;
  CommittedOutboxTest& operator=(const CommittedOutboxTest&) = delete;

  // The jobs share one transaction: the writer is held until all are queued.
  void run_as_one_batch(std::vector<Writer::Job> jobs) {
    testing::WriterGate gate(*writer_);
    std::vector<std::promise<void>> done(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      writer_->submit(std::move(jobs[i]), [&done, i](const WriteResult&) { done[i].set_value(); });
    }
    gate.open();
    for (auto& d : done) d.get_future().wait();
  }

  TempDir dir_;
  std::unique_ptr<Writer> writer_;
  std::vector<std::shared_ptr<const CommittedOutbox>> handed_;
};

TEST_F(CommittedOutboxTest, ACommitHandsOverTheRowsOfItsJobsThatCommitted) {
  run_as_one_batch({enqueue("1", "a")});
  run_as_one_batch({enqueue("1", "b"),
                    [](Connection& db) {
                      OutboxRepository(db).enqueue(reply("2", "undone"), 100);
                      throw std::runtime_error("a bug in the handler");
                    },
                    [](Connection& db) {
                      db.exec(
                          "INSERT INTO chats (platform, chat_id, kind, updated_at) "
                          "VALUES ('telegram', '-7', 'group', 0)");
                      OutboxRepository(db).enqueue(reply("-7", "c"), 100);
                    }});
  ASSERT_EQ(handed_.size(), 2U);
  ASSERT_TRUE(handed_[0]);
  EXPECT_EQ(handed_[0]->previous_top, 0);
  EXPECT_EQ(handed_[0]->top, 1);
  ASSERT_TRUE(handed_[1]);
  const CommittedOutbox& second = *handed_[1];
  EXPECT_EQ(second.previous_top, 1);
  ASSERT_EQ(second.rows.size(), 2U);  // not the undone job's row
  EXPECT_EQ(second.rows[0].id, 2);
  EXPECT_EQ(second.rows[0].message.text, "b");
  EXPECT_FALSE(second.rows[0].group_chat);
  EXPECT_EQ(second.rows[1].id, 3);  // the undone row's id was given again
  EXPECT_EQ(second.rows[1].message.text, "c");
  EXPECT_TRUE(second.rows[1].group_chat);
  EXPECT_EQ(second.top, 3);
  // As stored: the body and the time are the row's.
  auto reader = open_database(dir_.file("o.db"), OpenMode::read_only);
  EXPECT_EQ(reader->execAndGet("SELECT body FROM outbox WHERE id = 3").getString(),
            second.rows[1].body);
  EXPECT_EQ(second.rows[1].created_at, 100);
}

TEST_F(CommittedOutboxTest, RowsWrittenOtherwiseOrChangedAgainInTheCommitAreNotHandedOver) {
  run_as_one_batch({enqueue("1", "a"), [](Connection& db) {
                      db.exec(
                          "INSERT INTO outbox (platform, chat_id, body, created_at) "
                          "SELECT platform, chat_id, body, created_at FROM outbox");
                    }});
  run_as_one_batch({enqueue("1", "b"), [](Connection& db) {
                      db.exec(
                          "UPDATE outbox SET next_attempt_at = 500 "
                          "WHERE id = (SELECT MAX(id) FROM outbox)");
                    }});
  run_as_one_batch({enqueue("1", "c"), [](Connection& db) {
                      db.exec("DELETE FROM outbox WHERE id = (SELECT MAX(id) FROM outbox)");
                      OutboxRepository(db).enqueue(reply("1", "d"), 100);
                    }});
  // A change to an older row (a send recorded) does not matter.
  run_as_one_batch(
      {[](Connection& db) { db.exec("UPDATE outbox SET status = 'sent' WHERE id = 1"); },
       enqueue("1", "e")});
  ASSERT_EQ(handed_.size(), 4U);
  EXPECT_FALSE(handed_[0]);
  EXPECT_FALSE(handed_[1]);
  EXPECT_FALSE(handed_[2]);
  ASSERT_TRUE(handed_[3]);
  ASSERT_EQ(handed_[3]->rows.size(), 1U);
  EXPECT_EQ(handed_[3]->rows[0].message.text, "e");
}

}  // namespace
}  // namespace wgbot::storage
