#include "bot/console/console_session.hpp"

#include "core/text_markup.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>
#include <random>
#include <sstream>

#include "bot/dispatch/ingest.hpp"
#include "core/inbound.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

constexpr const char* kPlatform = "console";

std::uint64_t random_session_id() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32U) ^ rd();
}

std::string button_line(const ButtonRows& rows) {
  std::string line;
  for (const auto& row : rows) {
    for (const auto& b : row) {
      if (!line.empty()) line += "  ";
      line += "[" + b.label + "]";
    }
  }
  return line;
}

}  // namespace

std::string render_for_console(const std::string& text, bool ansi) {
  // "**bold**" spans never cross a line; a terminal is fixed-width, so a "`table row`" line only
  // loses its backticks.
  const std::string on = ansi ? "\x1b[1m" : "";
  const std::string off = ansi ? "\x1b[0m" : "";
  std::istringstream in(text);
  std::string line;
  std::string out;
  bool first = true;
  while (std::getline(in, line)) {
    if (const auto fixed = monospace_line(line); !fixed.empty()) line = std::string(fixed);
    std::string rendered;
    std::size_t pos = 0;
    for (;;) {
      const auto open = line.find("**", pos);
      const auto close = open == std::string::npos ? open : line.find("**", open + 2);
      if (close == std::string::npos || close == open + 2) {
        rendered += line.substr(pos);
        break;
      }
      rendered += line.substr(pos, open - pos) + on + line.substr(open + 2, close - open - 2) + off;
      pos = close + 2;
    }
    if (!first) out += '\n';
    first = false;
    out += rendered;
  }
  return out;
}

std::string render_message_for_console(const Outgoing& message, bool ansi) {
  std::string text = render_for_console(message.text, ansi);
  if (!message.hint.empty()) {
    text += '\n' + render_for_console(message.hint, ansi);
  } else if (!message.buttons.empty()) {
    text += '\n' + button_line(message.buttons);
  }
  return text;
}

ConsoleSession::ConsoleSession(storage::Writer& writer, IngestService& ingest, const Clock& clock,
                               std::string handle, std::ostream& out, bool interactive)
    : writer_(writer),
      ingest_(ingest),
      clock_(clock),
      handle_(std::move(handle)),
      out_(out),
      interactive_(interactive),
      session_id_(random_session_id()) {}

bool ConsoleSession::open() {
  const auto now = clock_.now().time_since_epoch().count();
  return writer_.run([&](storage::Connection& db) {
    const auto member = storage::MemberRepository(db).by_handle(handle_);
    if (!member || !member->active) return false;
    // The console runs on the server itself: whoever can start it is trusted as `handle`.
    storage::AccountRepository(db).link(kPlatform, handle_, member->id, now);
    return true;
  });
}

void ConsoleSession::submit_line(const std::string& line) {
  if (line.find_first_not_of(" \t\r") == std::string::npos) return;
  Inbound in;
  in.platform = kPlatform;
  in.update_key = std::to_string(session_id_) + "-" + std::to_string(++counter_);
  in.kind = InboundKind::message;
  in.chat_id = chat_id();
  in.chat_kind = ChatKind::private_chat;
  in.sender_id = handle_;
  in.sender_name = handle_;
  in.message_id = std::to_string(counter_.load());
  in.text = line;
  in.sent_at = clock_.now();
  in.raw = line;
  const IngestResult stored = ingest_.process(std::move(in));
  if (!stored.committed()) print("wgbot: " + stored.error);
  drain();
}

void ConsoleSession::drain() {
  const auto now = clock_.now().time_since_epoch().count();
  std::vector<storage::OutboxRow> rows;
  try {
    rows = writer_.run([&](storage::Connection& db) {
      storage::OutboxRepository outbox(db);
      auto pending = outbox.pending_for_chat(kPlatform, chat_id());
      for (const auto& row : pending) outbox.mark_sent(row.id, now);
      return pending;
    });
  } catch (const std::exception& e) {  // storage unavailable or the bot stopping: rows stay
    print(std::string("wgbot: ") + e.what());
    return;
  }
  for (const auto& row : rows) {
    if (row.message.kind == OutKind::callback_answer) continue;
    print(render_message_for_console(row.message, interactive_));
  }
}

void ConsoleSession::print(const std::string& text) {
  std::lock_guard lock(print_mutex_);
  // A blank line between replies keeps scripted output readable too.
  out_ << text << "\n\n";
  out_.flush();
}

void ConsoleSession::start_background_drain() {
  drainer_ = std::thread([this] {
    std::unique_lock lock(drain_mutex_);
    for (;;) {
      drain_wake_.wait(lock, [this] { return drain_requested_ || drain_stopping_; });
      if (drain_stopping_) return;
      drain_requested_ = false;
      lock.unlock();
      drain();
      lock.lock();
    }
  });
}

void ConsoleSession::request_drain() {
  std::lock_guard lock(drain_mutex_);
  drain_requested_ = true;
  drain_wake_.notify_one();
}

void ConsoleSession::stop_background_drain() {
  {
    std::lock_guard lock(drain_mutex_);
    drain_stopping_ = true;
    drain_wake_.notify_one();
  }
  if (drainer_.joinable()) drainer_.join();
}

void ConsoleSession::run(std::istream& in) {
  std::string line;
  if (interactive_) {
    out_ << "wgbot console — @" << handle_ << " (Ctrl-D to quit)\n> " << std::flush;
  }
  while (std::getline(in, line)) {
    submit_line(line);
    if (interactive_) out_ << "> " << std::flush;
  }
  if (interactive_) out_ << "\n";
}

}  // namespace wgbot
