// "Typing…" is shown once for a command still unanswered after the threshold, and never for one
// answered in time or for anything that is not a command.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

#include "bot/platform/slow_reply_notice.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;

Inbound message(std::string text) {
  Inbound in;
  in.kind = InboundKind::message;
  in.chat_id = "chat-1";
  in.text = std::move(text);
  return in;
}

struct Shown {
  std::vector<std::string> chats;
  SlowReplyNotice notice(boost::asio::io_context& ioc) {
    return SlowReplyNotice(ioc, 20ms, [this](const std::string& chat) { chats.push_back(chat); });
  }
};

TEST(SlowReplyNotice, ACommandStillUnansweredAfterTheThresholdShowsTypingOnce) {
  boost::asio::io_context ioc;
  Shown shown;
  auto notice = shown.notice(ioc);
  int answered = 0;
  auto done = notice.watch(message("/viec"), [&](const IngestResult&) { ++answered; });
  ioc.run();  // only the timer is pending: returns once it has fired
  EXPECT_EQ(shown.chats, std::vector<std::string>{"chat-1"});
  done(IngestResult{});
  ioc.restart();
  ioc.run();
  EXPECT_EQ(answered, 1);
  EXPECT_EQ(shown.chats.size(), 1U);
}

TEST(SlowReplyNotice, ACommandAnsweredInTimeShowsNothing) {
  boost::asio::io_context ioc;
  Shown shown;
  auto notice = shown.notice(ioc);
  int answered = 0;
  auto done = notice.watch(message("/viec"), [&](const IngestResult&) { ++answered; });
  done(IngestResult{});  // before the io_context ever runs the timer
  ioc.run();
  EXPECT_EQ(answered, 1);
  EXPECT_TRUE(shown.chats.empty());
}

TEST(SlowReplyNotice, PlainTextAndOtherUpdatesAreNotWatched) {
  boost::asio::io_context ioc;
  Shown shown;
  auto notice = shown.notice(ioc);
  int answered = 0;
  auto plain = notice.watch(message("chào trợ lý"), [&](const IngestResult&) { ++answered; });
  Inbound joined = message("/viec");
  joined.kind = InboundKind::chat_joined;
  auto other = notice.watch(joined, [&](const IngestResult&) { ++answered; });
  ioc.run();  // nothing was armed
  EXPECT_TRUE(shown.chats.empty());
  plain(IngestResult{});
  other(IngestResult{});
  EXPECT_EQ(answered, 2);
}

}  // namespace
}  // namespace wgbot
