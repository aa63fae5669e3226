// The outbox sender for Telegram on a ManualClock, against the fake Bot API over loopback HTTP:
// rate limits, 429, 5xx, 403, migration, splitting, restarts. Time only moves when the test
// moves it; settle() waits for I/O, never for time to pass.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <future>
#include <map>
#include <string>
#include <thread>

#include "bot/http/http_client.hpp"
#include "bot/outbound/outbox_sender.hpp"
#include "bot/outbound/pending_outbox.hpp"
#include "bot/telegram/api_client.hpp"
#include "bot/telegram/telegram_delivery.hpp"
#include "core/metrics.hpp"
#include "core/utf16.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/test_bot.hpp"
#include "storage/audit_repository.hpp"
#include "storage/chat_repository.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Run twice: with the default memory for pending rows, and with a memory of two rows and one
// per chat, so that most rows wait in the database and each chat's are read for it alone (as in a
// large backlog).
class TelegramSenderTest : public ::testing::TestWithParam<PendingLimits> {
 protected:
  TelegramSenderTest() : bot_(make_config({30, 1, 20})) {
    fake_.set_clock(&bot_.clock());
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
  }
  ~TelegramSenderTest() override {
    if (sender_) stop_sender();
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) t.join();
  }

  Config make_config(RateConfig rate) {
    Config c = test_config("unused.db");
    c.telegram.token = std::string(FakeTelegram::kToken);
    c.telegram.api_base_url = fake_.base_url();
    c.telegram.rate = rate;
    return c;
  }

  void start_sender(RateLimits limits = {}) {
    SenderOptions options;
    options.db_path = bot_.config().db;
    options.limits = limits;
    options.backoff = BackoffPolicy{2s, 60s, Jitter::none};
    options.memory_rows = GetParam().max_rows;
    options.memory_per_chat = GetParam().max_per_lane;
    sender_ = std::make_unique<OutboxSender>(ioc_, bot_.writer(), delivery_, bot_.clock(), metrics_,
                                             options);
    sender_->start();
  }

  void stop_sender() {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    sender_->stop([done] { done->set_value(); });
    ASSERT_EQ(finished.wait_for(5s), std::future_status::ready);
    sender_.reset();
  }

  std::int64_t enqueue(const std::string& chat, const std::string& text,
                       OutKind kind = OutKind::message) {
    Outgoing m;
    m.kind = kind;
    m.platform = "telegram";
    m.chat_id = chat;
    m.text = text;
    if (kind == OutKind::callback_answer) m.callback_id = "cb-" + text;
    if (kind == OutKind::edit) m.edit_message_id = "77";
    const auto now = bot_.clock().now().time_since_epoch().count();
    return bot_.writer().run([&](storage::Connection& db) {
      // A group is known as one from the updates it sent; these tests skip that step.
      if (chat.starts_with('-'))
        storage::ChatRepository(db).upsert("telegram", chat, true, "", now);
      return storage::OutboxRepository(db).enqueue(m, now);
    });
  }

  std::string status_of(std::int64_t id) {
    return bot_.writer().run([&](storage::Connection& db) {
      SQLite::Statement q(db, "SELECT status FROM outbox WHERE id = ?");
      q.bind(1, id);
      return q.executeStep() ? q.getColumn(0).getString() : std::string("missing");
    });
  }

  std::int64_t query_int(const std::string& sql) {
    return bot_.writer().run(
        [&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
  }

  // Moves the clock a second at a time, letting the sender act at each step, until `n`
  // messages reached the fake or `max_seconds` passed.
  void run_until_sent(std::size_t n, int max_seconds) {
    for (int s = 0; s <= max_seconds && fake_.count("sendMessage") < n; ++s) {
      sender_->settle();
      if (fake_.count("sendMessage") >= n) break;
      bot_.clock().advance(1s);
    }
  }

  FakeTelegram fake_;
  TestBot bot_;
  Metrics metrics_;
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(ioc_)};
  http::HttpClient http_{ioc_};
  telegram::ApiClient api_{http_, fake_.base_url(), std::string(FakeTelegram::kToken)};
  telegram::TelegramDelivery delivery_{api_};
  std::unique_ptr<OutboxSender> sender_;
  std::vector<std::thread> threads_;
};

TEST_P(TelegramSenderTest, RetryAfterIsHonouredOnTheClock) {
  fake_.push_fixture("sendMessage", 429, "telegram/error_429_retry_after.json");
  const auto id = enqueue("1958840321", "xin chào");
  start_sender();
  sender_->settle();
  ASSERT_EQ(fake_.count("sendMessage"), 1u);
  const auto first_at = fake_.calls("sendMessage")[0].at;
  EXPECT_EQ(status_of(id), "pending");
  bot_.clock().advance(6s);
  const auto wake = sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 1u);
  ASSERT_TRUE(wake.has_value());
  EXPECT_EQ(*wake, OutboxSender::TimeMs{first_at + 7s});
  bot_.clock().advance(1s);
  sender_->settle();
  ASSERT_EQ(fake_.count("sendMessage"), 2u);
  EXPECT_EQ(fake_.calls("sendMessage")[1].at, first_at + 7s);
  EXPECT_EQ(status_of(id), "sent");
}

// One chat's flood control (a busy group, say) must not hold everyone else's messages.
TEST_P(TelegramSenderTest, OneChatsRetryAfterHoldsOnlyThatChat) {
  fake_.push_fixture("sendMessage", 429, "telegram/error_429_retry_after.json");
  const auto busy = enqueue("-1002198457731", "nhóm");
  start_sender();
  sender_->settle();  // refused with retry_after 7
  ASSERT_EQ(fake_.count("sendMessage"), 1U);
  EXPECT_EQ(status_of(busy), "pending");

  const auto other = enqueue("1958840321", "riêng");
  sender_->notify();
  sender_->settle();
  const auto calls = fake_.calls("sendMessage");
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[1].body.at("chat_id"), 1958840321LL);
  EXPECT_EQ(calls[1].at, calls[0].at);  // not held by the other chat's pause
  EXPECT_EQ(status_of(other), "sent");
  EXPECT_EQ(status_of(busy), "pending");
  bot_.clock().advance(7s);
  sender_->settle();
  EXPECT_EQ(status_of(busy), "sent");
}

TEST_P(TelegramSenderTest, PerChatGroupAndGlobalLimitsHoldFor200Messages) {
  // 6 private chats and 4 groups; the global limit is lowered so that it binds too.
  std::vector<std::string> chats = {"101", "102",  "103",  "104",  "105",
                                    "106", "-201", "-202", "-203", "-204"};
  for (int i = 0; i < 200; ++i) {
    enqueue(chats[static_cast<std::size_t>(i) % chats.size()], "tin " + std::to_string(i));
  }
  start_sender(RateLimits{5, 1, 20});
  run_until_sent(200, 400);
  const auto calls = fake_.calls("sendMessage");
  ASSERT_EQ(calls.size(), 200u);
  std::map<std::int64_t, int> per_second;
  std::map<std::string, std::vector<std::int64_t>> per_chat;  // send times, in order
  for (const auto& call : calls) {
    const auto t = call.at.time_since_epoch().count();
    ++per_second[t];
    per_chat[call.body.at("chat_id").dump()].push_back(t);
  }
  for (const auto& [t, n] : per_second) EXPECT_LE(n, 5) << "second " << t;
  for (const auto& [chat, times] : per_chat) {
    ASSERT_EQ(times.size(), 20u) << chat;
    for (std::size_t i = 1; i < times.size(); ++i) EXPECT_GE(times[i] - times[i - 1], 1) << chat;
    if (chat.front() == '-') {
      for (std::size_t i = 20; i < times.size(); ++i) EXPECT_GE(times[i] - times[i - 20], 60);
    }
  }
  // Each chat's messages arrived in the order they were queued.
  std::map<std::string, int> last;
  for (const auto& call : calls) {
    const std::string text = call.body.at("text");
    const int n = std::stoi(text.substr(4));
    auto [it, fresh] = last.emplace(call.body.at("chat_id").dump(), n);
    if (!fresh) {
      EXPECT_GT(n, it->second);
    }
    it->second = n;
  }
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), 200);
}

TEST_P(TelegramSenderTest, DefaultLimitsSendOnePerChatPerSecond) {
  for (int i = 0; i < 30; ++i) enqueue(std::to_string(300 + i % 10), "m" + std::to_string(i));
  start_sender();
  sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 10u);  // one per chat, the rest wait a second
  bot_.clock().advance(1s);
  sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 20u);
}

TEST_P(TelegramSenderTest, ServerErrorIsRetriedWithBackoffAndTheRowStays) {
  fake_.push_response("sendMessage", 500,
                      R"({"ok":false,"error_code":500,"description":"Internal Server Error"})");
  fake_.push_response("sendMessage", 502, "<html>bad gateway</html>");
  const auto id = enqueue("1958840321", "thử lại");
  start_sender();
  auto wake = sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 1u);
  EXPECT_EQ(status_of(id), "pending");
  ASSERT_TRUE(wake.has_value());
  EXPECT_EQ(*wake - bot_.clock().now_ms(), 2s);  // first retry after the base delay
  bot_.clock().advance(2s);
  wake = sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 2u);
  ASSERT_TRUE(wake.has_value());
  EXPECT_EQ(*wake - bot_.clock().now_ms(), 4s);  // doubled
  bot_.clock().advance(4s);
  sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 3u);
  EXPECT_EQ(status_of(id), "sent");
  const std::string page = metrics_.render({});
  EXPECT_NE(page.find("wgbot_send_failures_total{platform=\"telegram\"} 2"), std::string::npos);
}

TEST_P(TelegramSenderTest, BlockedChatIsMarkedInactiveAuditedAndNotRetried) {
  fake_.push_fixture("sendMessage", 403, "telegram/error_403_blocked_by_user.json", "1958840321");
  const auto first = enqueue("1958840321", "một");
  const auto second = enqueue("1958840321", "hai");
  const auto other = enqueue("5190233814", "khác");
  start_sender();
  run_until_sent(2, 5);
  EXPECT_EQ(status_of(first), "failed");
  EXPECT_EQ(status_of(second), "failed");
  EXPECT_EQ(status_of(other), "sent");
  EXPECT_EQ(fake_.count("sendMessage"), 2u);  // the blocked chat was tried once
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM chats WHERE chat_id = '1958840321' AND active = 0"), 1);
  const auto audit = bot_.writer().run(
      [](storage::Connection& db) { return storage::AuditRepository(db).recent(5); });
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].actor, "system");
  EXPECT_EQ(audit[0].action, "chat_unreachable");
  EXPECT_EQ(audit[0].target, "telegram:1958840321");
  EXPECT_NE(metrics_.render({}).find("wgbot_send_failures_total{platform=\"telegram\"} 1"),
            std::string::npos);
}

TEST_P(TelegramSenderTest, MigratedGroupGetsTheMessageAtItsNewId) {
  fake_.push_fixture("sendMessage", 400, "telegram/error_400_migrate_to_chat_id.json");
  const auto id = enqueue("-4529381765", "chúc mừng nhóm mới");
  const auto next = enqueue("-4529381765", "tin tiếp theo");
  start_sender();
  run_until_sent(3, 5);
  const auto calls = fake_.calls("sendMessage");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].body.at("chat_id"), -4529381765LL);
  EXPECT_EQ(calls[1].body.at("chat_id"), -1002198457731LL);
  EXPECT_EQ(calls[1].body.at("text"), "chúc mừng nhóm mới");
  EXPECT_EQ(calls[2].body.at("chat_id"), -1002198457731LL);
  EXPECT_EQ(status_of(id), "sent");
  EXPECT_EQ(status_of(next), "sent");
}

TEST_P(TelegramSenderTest, LongReplyIsSplitAtALineBoundary) {
  std::string text;
  for (int i = 0; utf16_length(text) < 5000; ++i) {
    text += "Dòng " + std::to_string(i) + ": báo cáo tiến độ các nhiệm vụ của Tổ công tác\n";
  }
  Outgoing m;
  m.platform = "telegram";
  m.chat_id = "1958840321";
  m.text = text;
  m.reply_to_message_id = "1203";
  m.buttons = {{Button{"✅ Xong", "done:12"}}};
  const auto id = bot_.writer().run(
      [&](storage::Connection& db) { return storage::OutboxRepository(db).enqueue(m, 0); });
  start_sender(RateLimits{30, 30, 20});
  run_until_sent(2, 5);
  const auto calls = fake_.calls("sendMessage");
  ASSERT_EQ(calls.size(), 2u);
  const std::string a = calls[0].body.at("text");
  const std::string b = calls[1].body.at("text");
  EXPECT_EQ(a.back(), '\n');  // cut after a whole line
  EXPECT_EQ(a + b, text);
  EXPECT_TRUE(calls[0].body.contains("reply_parameters"));
  EXPECT_FALSE(calls[1].body.contains("reply_parameters"));
  EXPECT_FALSE(calls[0].body.contains("reply_markup"));
  EXPECT_EQ(calls[1].body.at("reply_markup").at("inline_keyboard")[0][0].at("callback_data"),
            "done:12");
  EXPECT_EQ(status_of(id), "sent");
  EXPECT_EQ(metrics_.render({}).find("wgbot_messages_sent_total{platform=\"telegram\"} 1") ==
                std::string::npos,
            false);
}

TEST_P(TelegramSenderTest, SplitMessageResumesAfterTheLastDeliveredPart) {
  std::string text;
  for (int i = 0; utf16_length(text) < 9000; ++i) {
    text += "Dòng " + std::to_string(i) + ": một dòng khá dài để chia tin nhắn thành nhiều phần.\n";
  }
  const auto id = enqueue("1958840321", text);
  fake_.push_response("sendMessage", 200, R"({"ok":true,"result":{"message_id":1}})");
  fake_.push_response("sendMessage", 500, R"({"ok":false,"error_code":500,"description":"x"})");
  start_sender(RateLimits{30, 30, 20});
  sender_->settle();
  ASSERT_EQ(fake_.count("sendMessage"), 2u);  // part 1 arrived, part 2 failed
  stop_sender();                              // "crash": a new sender over the same database
  bot_.clock().advance(10s);
  start_sender(RateLimits{30, 30, 20});
  sender_->settle();
  const auto calls = fake_.calls("sendMessage");
  ASSERT_GE(calls.size(), 3u);
  EXPECT_EQ(calls[2].body.at("text"), calls[1].body.at("text"));  // part 2 again, not part 1
  EXPECT_NE(calls[2].body.at("text"), calls[0].body.at("text"));
  run_until_sent(4, 5);
  EXPECT_EQ(status_of(id), "sent");
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM state WHERE key LIKE 'outbox.parts_done.%'"), 0);
}

TEST_P(TelegramSenderTest, RestartDeliversUndeliveredRowsExactlyOnce) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(enqueue(std::to_string(400 + i), "chờ gửi"));
  start_sender();
  stop_sender();  // stopped before it could look at the outbox
  start_sender();
  sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 5u);
  stop_sender();
  start_sender();
  bot_.clock().advance(5s);
  sender_->settle();
  EXPECT_EQ(fake_.count("sendMessage"), 5u);
  for (auto id : ids) EXPECT_EQ(status_of(id), "sent");
}

TEST_P(TelegramSenderTest, CallbackAnswersAndEditsUseTheirMethods) {
  fake_.push_response(
      "editMessageText", 400,
      R"({"ok":false,"error_code":400,"description":"Bad Request: message is not modified"})");
  const auto answer = enqueue("-1002198457731", "Đã xong", OutKind::callback_answer);
  const auto edit = enqueue("-1002198457731", "**Việc #12** đã xong", OutKind::edit);
  start_sender();
  sender_->settle();
  ASSERT_EQ(fake_.count("answerCallbackQuery"), 1u);
  EXPECT_EQ(fake_.calls("answerCallbackQuery")[0].body.at("callback_query_id"), "cb-Đã xong");
  ASSERT_EQ(fake_.count("editMessageText"), 1u);
  EXPECT_EQ(fake_.calls("editMessageText")[0].body.at("text"), "<b>Việc #12</b> đã xong");
  EXPECT_EQ(status_of(answer), "sent");
  EXPECT_EQ(status_of(edit), "sent");  // "not modified" counts as done
}

TEST_P(TelegramSenderTest, HtmlIsEscapedInPlainText) {
  enqueue("1958840321", "Hồ sơ <bản cuối> & phụ lục");
  start_sender();
  sender_->settle();
  ASSERT_EQ(fake_.count("sendMessage"), 1u);
  EXPECT_EQ(fake_.calls("sendMessage")[0].body.at("text"), "Hồ sơ &lt;bản cuối&gt; &amp; phụ lục");
}

TEST_P(TelegramSenderTest, BadRequestDropsOnlyThatMessage) {
  fake_.push_response(
      "sendMessage", 400,
      R"({"ok":false,"error_code":400,"description":"Bad Request: can't parse entities"})");
  const auto bad = enqueue("1958840321", "một");
  const auto good = enqueue("1958840321", "hai");
  start_sender();
  run_until_sent(2, 3);
  EXPECT_EQ(status_of(bad), "failed");
  EXPECT_EQ(status_of(good), "sent");
}

TEST_P(TelegramSenderTest, NotifyWakesTheSenderForNewRows) {
  start_sender();
  sender_->settle();
  enqueue("1958840321", "mới");
  sender_->notify();
  EXPECT_TRUE(fake_.wait_for("sendMessage", 1));
}

// A message with a file goes through the outbox as a multipart upload: the bytes survive the
// database and the HTTP body unchanged (NUL bytes included), the text becomes the caption.
OutgoingFile png_file() {
  OutgoingFile file;
  file.kind = FileKind::photo;
  file.name = "digest-2026-12-07.png";
  file.content_type = "image/png";
  file.bytes = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(3000, '\x07');
  return file;
}

TEST_P(TelegramSenderTest, PhotoWithShortCaptionIsOneSendPhoto) {
  Outgoing m;
  m.platform = "telegram";
  m.chat_id = "1958840321";
  m.text = "**Báo cáo nhanh** — thứ Hai";
  m.buttons = {{Button{"Xem việc quá hạn", "list:overdue"}}};
  m.file = png_file();
  const auto id = bot_.writer().run([&](storage::Connection& db) {
    return storage::OutboxRepository(db).enqueue(m, bot_.clock().now().time_since_epoch().count());
  });
  start_sender();
  sender_->settle();
  ASSERT_EQ(fake_.count("sendPhoto"), 1U);
  EXPECT_EQ(fake_.count("sendMessage"), 0U);
  const auto call = fake_.calls("sendPhoto")[0];
  ASSERT_EQ(call.files.size(), 1U);
  EXPECT_EQ(call.files[0].field, "photo");
  EXPECT_EQ(call.files[0].filename, "digest-2026-12-07.png");
  EXPECT_EQ(call.files[0].content_type, "image/png");
  EXPECT_EQ(call.files[0].bytes, png_file().bytes);
  EXPECT_EQ(call.body.at("chat_id"), "1958840321");
  EXPECT_EQ(call.body.at("caption"), "<b>Báo cáo nhanh</b> — thứ Hai");
  EXPECT_EQ(call.body.at("parse_mode"), "HTML");
  EXPECT_EQ(call.body.at("reply_markup").at("inline_keyboard")[0][0].at("callback_data"),
            "list:overdue");
  EXPECT_EQ(status_of(id), "sent");
}

// A text longer than a caption: the photo first, then the text as messages, the buttons last.
TEST_P(TelegramSenderTest, PhotoWithLongTextSendsThePhotoThenTheText) {
  Outgoing m;
  m.platform = "telegram";
  m.chat_id = "1958840321";
  for (int i = 0; i < 60; ++i) {
    if (i > 0) m.text += '\n';
    m.text += "Dòng số " + std::to_string(i) + " của báo cáo nhanh";
  }
  m.buttons = {{Button{"Xem việc quá hạn", "list:overdue"}}};
  m.file = png_file();
  const auto id = bot_.writer().run([&](storage::Connection& db) {
    return storage::OutboxRepository(db).enqueue(m, bot_.clock().now().time_since_epoch().count());
  });
  start_sender();
  for (int s = 0; s < 5 && status_of(id) != "sent"; ++s) {
    sender_->settle();
    bot_.clock().advance(1s);
  }
  ASSERT_EQ(fake_.count("sendPhoto"), 1U);
  const auto photo = fake_.calls("sendPhoto")[0];
  EXPECT_FALSE(photo.body.contains("caption"));
  EXPECT_FALSE(photo.body.contains("reply_markup"));
  const auto texts = fake_.calls("sendMessage");
  ASSERT_EQ(texts.size(), 1U);
  EXPECT_EQ(texts[0].body.at("text"), m.text);
  EXPECT_TRUE(texts[0].body.contains("reply_markup"));
  const auto calls = fake_.calls();
  EXPECT_EQ(calls.front().method, "sendPhoto");
  EXPECT_EQ(status_of(id), "sent");
}

// Documents use sendDocument; flood control on an upload is honoured like any message's.
TEST_P(TelegramSenderTest, DocumentUploadIsRetriedAfter429) {
  fake_.push_fixture("sendDocument", 429, "telegram/error_429_retry_after.json");
  Outgoing m;
  m.platform = "telegram";
  m.chat_id = "1958840321";
  m.text = "Danh sách nhiệm vụ";
  m.file.kind = FileKind::document;
  m.file.name = "tasks.csv";
  m.file.content_type = "text/csv";
  m.file.bytes = "\xEF\xBB\xBFid,title\r\n1,Việc một\r\n";
  const auto id = bot_.writer().run([&](storage::Connection& db) {
    return storage::OutboxRepository(db).enqueue(m, bot_.clock().now().time_since_epoch().count());
  });
  start_sender();
  sender_->settle();
  ASSERT_EQ(fake_.count("sendDocument"), 1U);
  EXPECT_EQ(status_of(id), "pending");
  bot_.clock().advance(7s);
  sender_->settle();
  ASSERT_EQ(fake_.count("sendDocument"), 2U);
  const auto call = fake_.calls("sendDocument")[1];
  ASSERT_EQ(call.files.size(), 1U);
  EXPECT_EQ(call.files[0].field, "document");
  EXPECT_EQ(call.files[0].bytes, m.file.bytes);
  EXPECT_EQ(call.body.at("caption"), "Danh sách nhiệm vụ");
  EXPECT_EQ(status_of(id), "sent");
}

// As the bot wires it: after a commit that added outbox rows, the sender is told, with the rows
// when the commit knows them all.
void hand_commits_to(storage::Writer& writer, OutboxSender& sender) {
  writer.set_after_commit([&sender](const storage::CommitChanges& changes) {
    if (changes.inserted("outbox")) sender.notify(changes.outbox());
  });
}

// A steady stream is taken from the commits that wrote it: after the first read nothing is read
// back (with room in memory), and each chat still gets its messages in order.
TEST_P(TelegramSenderTest, RowsAreTakenFromTheCommitThatWroteThem) {
  start_sender(RateLimits{1000, 1000, 1000});
  sender_->settle();  // the first reads, of an empty outbox
  const SenderStats before = sender_->stats();
  hand_commits_to(bot_.writer(), *sender_);
  // Waiting on the fake, not with settle(): settle() itself asks the sender to read.
  for (std::size_t i = 0; i < 20; ++i) {
    enqueue(i % 2 == 0 ? "100" : "-100", "tin " + std::to_string(i));
    ASSERT_TRUE(fake_.wait_for("sendMessage", i + 1));
  }
  const SenderStats stats = sender_->stats();
  bot_.writer().set_after_commit(std::function<void()>{});
  sender_->settle();
  ASSERT_EQ(fake_.count("sendMessage"), 20U);
  EXPECT_EQ(stats.full_reads, before.full_reads);
  if (GetParam().max_rows > 100) {
    EXPECT_EQ(stats.new_row_reads, before.new_row_reads);
    EXPECT_EQ(stats.handed_rows, 20U);
  } else {
    // With one row of a chat in memory, a chat's next row waits for its lane's own read whenever
    // it comes before the previous send is recorded; the first one is always handed over.
    EXPECT_GE(stats.handed_rows, 1U);
  }
  std::vector<std::string> private_texts;
  std::vector<std::string> group_texts;
  for (const auto& call : fake_.calls("sendMessage")) {
    (call.body.at("chat_id") == 100 ? private_texts : group_texts).push_back(call.body.at("text"));
  }
  ASSERT_EQ(private_texts.size(), 10U);
  ASSERT_EQ(group_texts.size(), 10U);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(private_texts[i], "tin " + std::to_string(2 * i));
    EXPECT_EQ(group_texts[i], "tin " + std::to_string(2 * i + 1));
  }
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), 20);
}

// A row written past the writer (another process: the command line) comes before the commit's
// rows; the commit's rows are then not all that is new, and the sender reads instead.
TEST_P(TelegramSenderTest, ARowWrittenElsewhereIsReadNotSkipped) {
  start_sender(RateLimits{1000, 1000, 1000});
  sender_->settle();
  hand_commits_to(bot_.writer(), *sender_);
  {
    auto other = storage::open_database(bot_.config().db);
    Outgoing m;
    m.platform = "telegram";
    m.chat_id = "300";
    m.text = "from the command line";
    storage::OutboxRepository(*other).enqueue(m, bot_.clock().now().time_since_epoch().count());
  }
  enqueue("301", "from the bot");
  sender_->settle();
  bot_.writer().set_after_commit(std::function<void()>{});
  ASSERT_EQ(fake_.count("sendMessage"), 2U);
  EXPECT_EQ(sender_->stats().handed_rows, 0U);
  EXPECT_GE(sender_->stats().new_row_reads, 1U);
}

// Steady traffic is read once in full, then only as new rows; a backlog larger than memory is
// read as memory frees up, each chat's rows in order.
TEST_P(TelegramSenderTest, PendingRowsAreReadOnceAndABacklogInOrder) {
  const bool roomy = GetParam().max_rows > 100;
  start_sender(RateLimits{1000, 1000, 1000});
  for (int i = 0; i < 30; ++i) {
    enqueue(std::to_string(100 + (i % 3)), "tin " + std::to_string(i));
    sender_->notify();
    sender_->settle();
  }
  EXPECT_EQ(fake_.count("sendMessage"), 30U);
  const SenderStats steady = sender_->stats();
  EXPECT_EQ(steady.full_reads, 1U);
  EXPECT_GE(steady.new_row_reads, 30U);
  EXPECT_EQ(steady.rows_in_memory, 0U);
  if (roomy) {
    EXPECT_EQ(steady.lane_reads, 0U);
  }

  stop_sender();
  // Half of them for one chat first: a long queue of one chat, then three chats taking turns.
  for (int i = 0; i < 40; ++i) {
    enqueue(std::to_string(i < 20 ? 200 : 201 + (i % 3)), "lô " + std::to_string(i));
  }
  start_sender(RateLimits{1000, 1000, 1000});
  for (int s = 0; s < 60 && fake_.count("sendMessage") < 70; ++s) {
    sender_->settle();
    bot_.clock().advance(1s);
  }
  ASSERT_EQ(fake_.count("sendMessage"), 70U);
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), 70);
  // Each chat got its messages in the order they were written.
  std::map<std::string, int> last;
  for (const auto& call : fake_.calls("sendMessage")) {
    const std::string text = call.body.at("text");
    if (!text.starts_with("lô ")) continue;
    const int n = std::stoi(text.substr(std::string("lô ").size()));
    const std::string chat = call.body.at("chat_id").dump();
    if (last.contains(chat)) {
      EXPECT_GT(n, last[chat]) << chat;
    }
    last[chat] = n;
  }
  EXPECT_EQ(last.size(), 4U);
  const SenderStats after = sender_->stats();
  EXPECT_EQ(after.full_reads, 1U);
  EXPECT_EQ(after.rows_in_memory, 0U);
  if (!roomy) {
    EXPECT_GT(after.lane_reads, 0U);
  }
}

INSTANTIATE_TEST_SUITE_P(Memory, TelegramSenderTest,
                         ::testing::Values(PendingLimits{}, PendingLimits{2, 1 << 20, 1}),
                         [](const auto& info) {
                           return info.param.max_rows > 100 ? std::string("Default")
                                                            : std::string("TwoRows");
                         });

}  // namespace
}  // namespace wgbot::testing
