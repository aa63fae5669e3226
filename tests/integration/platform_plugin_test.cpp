// A platform defined only in the tests plugs into the running bot through the Platform
// interface alone, and a whole conversation goes through it: linking, assigning a task, the
// assignee's notice, reporting it done, a reminder firing. Shutdown keeps every promise: an
// update answered 200 is stored, even when the database was behind when the bot was stopped.
#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/app/runtime.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/loopback_platform.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_bot.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Thursday 2026-11-26 10:00 +07:00.
constexpr std::int64_t kStart = 1795662000;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The bot with the loopback platform only, on 127.0.0.1:0, run on a thread of its own.
class RunningBot {
 public:
  explicit RunningBot(const TempDir& dir, std::shared_ptr<LoopbackInbox> inbox)
      : clock_(std::chrono::sys_seconds{std::chrono::seconds{kStart}}) {
    Config config = test_config(dir.file("wgbot.db"));
    config.listen_host = "127.0.0.1";
    config.listen_port = 0;
    config.schedule.digest_roles.clear();  // the conversation counts every message to Lực
    RuntimeOptions options;
    options.platforms = {loopback_platform(std::move(inbox))};
    options.io_threads = 2;
    runtime_ = std::make_unique<BotRuntime>(std::make_shared<const Config>(config), clock_,
                                            std::move(options));
    runtime_->start();
    thread_ = std::thread([this] { runtime_->run(); });
  }
  ~RunningBot() { stop(); }
  RunningBot(const RunningBot&) = delete;
  RunningBot& operator=(const RunningBot&) = delete;

  void stop() {
    if (!thread_.joinable()) return;
    runtime_->request_stop();
    thread_.join();
  }

  BotRuntime& runtime() { return *runtime_; }
  ManualClock& clock() { return clock_; }
  unsigned short port() const { return runtime_->port(); }

  // POSTs one update as `user` in their private chat "chat-<user>".
  int say(const std::string& user, const std::string& text) {
    const json update = {{"id", std::to_string(++updates_)},
                         {"chat", "chat-" + user},
                         {"user", user},
                         {"name", user},
                         {"text", text}};
    return test::http_request(port(), "POST", "/webhook/loopback", update.dump()).status;
  }

  // A one-time code for `handle`, as `wgbot member invite` makes it.
  std::string invite(const std::string& handle) {
    const std::string code = "code-" + handle;
    const auto now = clock_.now().time_since_epoch().count();
    runtime_->writer().run([&](storage::Connection& db) {
      const auto member = storage::MemberRepository(db).by_handle(handle);
      storage::InviteRepository(db).create(code, member->id, now, now + 86400);
      return true;
    });
    return code;
  }

 private:
  ManualClock clock_;
  std::unique_ptr<BotRuntime> runtime_;
  std::thread thread_;
  int updates_ = 0;
};

TEST(PlatformPlugin, AConversationThroughAPlatformTheBotHasNeverHeardOf) {
  TempDir dir;
  auto inbox = std::make_shared<LoopbackInbox>();
  RunningBot bot(dir, inbox);

  // Linking: each official redeems the code an admin gave them.
  ASSERT_EQ(bot.say("u-luc", "/start " + bot.invite("luc")), 200);
  ASSERT_EQ(bot.say("u-hung", "/start " + bot.invite("hung")), 200);
  EXPECT_TRUE(contains(inbox->wait_for("chat-u-luc", 1).at(0).text, "Lê Tự Lực"));
  EXPECT_TRUE(contains(inbox->wait_for("chat-u-hung", 1).at(0).text, "Phạm Quốc Hùng"));

  // Assigning: the assigner gets the confirmation, the assignee the notice with the commands
  // spelled out (no buttons here).
  ASSERT_EQ(bot.say("u-luc", "/giao @hung Rà soát hồ sơ cấp phép hạn 15/12"), 200);
  const auto to_luc = inbox->wait_for("chat-u-luc", 2);
  ASSERT_EQ(to_luc.size(), 2U);
  EXPECT_TRUE(contains(to_luc[1].text, "#1")) << to_luc[1].text;
  const auto to_hung = inbox->wait_for("chat-u-hung", 2);
  ASSERT_EQ(to_hung.size(), 2U);
  EXPECT_TRUE(contains(to_hung[1].text, "Rà soát hồ sơ cấp phép")) << to_hung[1].text;
  EXPECT_TRUE(contains(to_hung[1].text, "/xong 1")) << to_hung[1].text;

  // Reporting it done: the assigner is told.
  ASSERT_EQ(bot.say("u-hung", "/xong 1"), 200);
  const auto after_done = inbox->wait_for("chat-u-luc", 3);
  ASSERT_EQ(after_done.size(), 3U);
  EXPECT_TRUE(contains(after_done[2].text, "#1")) << after_done[2].text;

  // A reminder, fired by the scheduler when its time comes, with its snooze command.
  ASSERT_EQ(bot.say("u-luc", "/nhac 11h: gọi điện Sở Tài chính"), 200);
  const std::size_t before = inbox->wait_for("chat-u-luc", 4).size();
  bot.clock().advance(2h);
  ASSERT_EQ(bot.say("u-luc", "/help"), 200);  // any commit wakes the scheduler
  const auto reminded = inbox->wait_for("chat-u-luc", before + 2);
  bool fired = false;
  for (const auto& m : reminded) {
    if (contains(m.text, "gọi điện Sở Tài chính") && contains(m.text, "/hoannhac 1")) fired = true;
  }
  EXPECT_TRUE(fired);

  // Every update was counted once, and its handling timed once.
  const std::string page = bot.runtime().metrics().render({});
  EXPECT_TRUE(contains(page, "wgbot_updates_received_total{platform=\"loopback\"} 6")) << page;
  EXPECT_TRUE(contains(page, "wgbot_handler_seconds_count 6")) << page;
  bot.stop();
}

TEST(PlatformPlugin, StoppingWhileTheDatabaseIsBehindLosesNoAnsweredUpdate) {
  TempDir dir;
  auto inbox = std::make_shared<LoopbackInbox>();
  constexpr int kUpdates = 24;
  std::vector<std::future<int>> answers;
  {
    RunningBot bot(dir, inbox);
    ASSERT_EQ(bot.say("u-luc", "/start " + bot.invite("luc")), 200);
    WriterGate gate(bot.runtime().writer());
    for (int i = 0; i < kUpdates; ++i) {
      answers.push_back(std::async(std::launch::async, [&bot, i] {
        const json update = {{"id", "late-" + std::to_string(i)},
                             {"chat", "chat-u-luc"},
                             {"user", "u-luc"},
                             {"text", "/viec"}};
        return test::http_request(bot.port(), "POST", "/webhook/loopback", update.dump()).status;
      }));
    }
    while (inbox->updates() < kUpdates + 1) std::this_thread::yield();  // all handed in
    bot.runtime().request_stop();  // the bot is asked to stop with all of them waiting
    gate.open();
    bot.stop();
  }
  auto db = storage::open_database(dir.file("wgbot.db"), storage::OpenMode::read_only);
  int answered = 0;
  for (int i = 0; i < kUpdates; ++i) {
    const int status = answers[static_cast<std::size_t>(i)].get();
    if (status != 200) continue;
    ++answered;
    SQLite::Statement q(*db, "SELECT COUNT(*) FROM inbox WHERE update_key = ?");
    q.bind(1, "late-" + std::to_string(i));
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getInt(), 1) << "update " << i << " was answered 200";
  }
  EXPECT_EQ(answered, kUpdates);  // the grace period covered them all
  // Each stored update has its reply in the outbox, sent or waiting for the next start.
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM outbox o JOIN inbox i ON o.inbox_id = i.id "
                           "WHERE i.update_key LIKE 'late-%'")
                .getInt(),
            kUpdates);
}

}  // namespace
}  // namespace wgbot::testing
