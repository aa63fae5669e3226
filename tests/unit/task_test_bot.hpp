// A TestBot with every demo member linked on Telegram (user id "tg-<handle>", private chat
// "chat-tg-<handle>"), plus helpers to read what each member received and what the task tables
// hold.
#pragma once

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

#include <string>
#include <vector>

#include "fakes/test_bot.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/task_repository.hpp"

namespace wgbot::testing {

inline constexpr const char* kDemoHandles[] = {"chutich", "quy",  "luc",  "admin", "hung",
                                               "lan",     "dung", "thao", "minh"};

class TaskBotTest : public ::testing::Test {
 protected:
  explicit TaskBotTest(Config config = test_config("unused.db")) : bot(std::move(config)) {
    for (const char* h : kDemoHandles) {
      bot.link("telegram", id_of(h), h);
      bot.ask("/whoami", id_of(h));  // opens the private chat notifications go to
    }
  }

  static std::string id_of(const std::string& handle) { return "tg-" + handle; }
  static std::string chat_of(const std::string& handle) { return "chat-tg-" + handle; }

  // The replies to `text` sent by `handle`, joined by new lines. What was waiting in the chat
  // before (notifications) is dropped first.
  std::string ask(const std::string& handle, const std::string& text) {
    received(handle);
    std::string all;
    for (const auto& t : bot.ask(text, id_of(handle))) all += t + "\n";
    return all;
  }

  // What is waiting for `handle`'s private chat; marks it delivered.
  std::vector<Outgoing> received(const std::string& handle) {
    std::vector<Outgoing> out;
    bot.writer().run([&](storage::Connection& db) {
      storage::OutboxRepository outbox(db);
      for (const auto& row : outbox.pending_for_chat("telegram", chat_of(handle))) {
        out.push_back(row.message);
        outbox.mark_sent(row.id, 0);
      }
    });
    return out;
  }

  std::int64_t count(const std::string& table) {
    return bot.writer().run([&](storage::Connection& db) {
      return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
    });
  }

  std::int64_t pending_total() {
    return bot.writer().run([&](storage::Connection& db) {
      return db.execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").getInt64();
    });
  }

  // Everything the task tables hold, to check that a refusal changed nothing.
  std::string task_tables() {
    return bot.writer().run([&](storage::Connection& db) {
      std::string dump;
      for (const char* sql : {"SELECT * FROM tasks ORDER BY id",
                              "SELECT * FROM task_assignees ORDER BY task_id, member_id",
                              "SELECT * FROM task_events ORDER BY id"}) {
        SQLite::Statement q(db, sql);
        while (q.executeStep()) {
          for (int i = 0; i < q.getColumnCount(); ++i) {
            dump +=
                (q.getColumn(i).isNull() ? std::string("NULL") : q.getColumn(i).getString()) + "|";
          }
          dump += "\n";
        }
      }
      return dump;
    });
  }

  std::optional<TaskRecord> task(std::int64_t id) {
    return bot.writer().run(
        [&](storage::Connection& db) { return storage::TaskRepository(db).record(id); });
  }

  std::vector<TaskEvent> events(std::int64_t id) {
    return bot.writer().run(
        [&](storage::Connection& db) { return storage::TaskRepository(db).events(id); });
  }

  std::int64_t member_id(const std::string& handle) {
    return bot.writer().run([&](storage::Connection& db) {
      SQLite::Statement q(db, "SELECT id FROM members WHERE handle = ?");
      q.bind(1, handle);
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  // Sends `text` as `handle` and expects one reply that contains `expect`, with nothing else
  // changed: no task row, no history, no message to anyone else.
  void expect_refusal(const std::string& handle, const std::string& text,
                      const std::string& expect) {
    received(handle);
    const std::string before = task_tables();
    const std::int64_t pending = pending_total();
    const auto replies = bot.ask(text, id_of(handle));
    ASSERT_EQ(replies.size(), 1U) << text;
    EXPECT_NE(replies[0].find(expect), std::string::npos) << text << " → " << replies[0];
    EXPECT_EQ(replies[0].find('\n'), std::string::npos) << "one line: " << replies[0];
    EXPECT_EQ(task_tables(), before) << text;
    EXPECT_EQ(pending_total(), pending) << text;
  }

  TestBot bot;
};

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace wgbot::testing
