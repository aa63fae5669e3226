#include "fakes/test_bot.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/app/bootstrap.hpp"
#include "config/config_loader.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"

namespace wgbot::testing {

namespace {
// Thursday 2026-11-26 10:00 +07:00.
constexpr std::int64_t kStart = 1795662000;
}  // namespace

Config test_config(const std::string& db_path) {
  ConfigInputs inputs;
  inputs.working_dir_file = "/nonexistent/wgbot.json";
  inputs.env["WGBOT_DB"] = db_path;
  return load_config(inputs).config;
}

TestBot::TestBot() : TestBot(test_config("unused.db")) {}

TestBot::TestBot(Config config, storage::WriterOptions writer_options)
    : clock_(std::chrono::sys_seconds{std::chrono::seconds{kStart}}) {
  config.db = dir_.file("wgbot.db");
  config_ = std::make_shared<const Config>(std::move(config));
  auto prepared = prepare_database(*config_, clock_);
  writer_ = std::make_unique<storage::Writer>(std::move(prepared.db), writer_options);
  dispatcher_ = std::make_unique<Dispatcher>(config_, clock_);
}

TestBot::~TestBot() {
  writer_->stop();
}

Inbound TestBot::message(const std::string& text, const std::string& sender,
                         const std::string& platform) const {
  Inbound in;
  in.platform = platform;
  in.update_key = "test-" + std::to_string(++counter_);
  in.kind = InboundKind::message;
  in.chat_id = "chat-" + sender;
  in.chat_kind = ChatKind::private_chat;
  in.sender_id = sender;
  in.sender_name = sender;
  in.message_id = std::to_string(counter_);
  in.text = text;
  in.raw = text;
  return in;
}

void TestBot::link(const std::string& platform, const std::string& user_id,
                   const std::string& handle) {
  writer_->run([&](storage::Connection& db) {
    const auto member = storage::MemberRepository(db).by_handle(handle);
    storage::AccountRepository(db).link(platform, user_id, member.value().id,
                                        clock_.now().time_since_epoch().count());
  });
}

DispatchResult TestBot::send(const Inbound& in) {
  return writer_->run([&](storage::Connection& db) { return dispatcher_->process(db, in); });
}

std::vector<std::string> TestBot::ask(const std::string& text, const std::string& sender,
                                      const std::string& platform) {
  const Inbound in = message(text, sender, platform);
  send(in);
  std::vector<std::string> texts;
  for (const auto& row : pending(platform, in.chat_id)) texts.push_back(row.message.text);
  writer_->run([&](storage::Connection& db) {
    storage::OutboxRepository outbox(db);
    for (const auto& row : outbox.pending_for_chat(platform, in.chat_id)) {
      outbox.mark_sent(row.id, 0);
    }
  });
  return texts;
}

std::vector<storage::OutboxRow> TestBot::pending(const std::string& platform,
                                                 const std::string& chat_id) {
  return writer_->run([&](storage::Connection& db) {
    return storage::OutboxRepository(db).pending_for_chat(platform, chat_id);
  });
}

}  // namespace wgbot::testing
