#include "bot/dispatch/dispatcher.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include "bot/dispatch/command_parser.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "handlers/command_table.hpp"
#include "storage/account_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/chat_repository.hpp"
#include "storage/connection.hpp"
#include "storage/inbox_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/savepoint.hpp"
#include "storage/storage_error.hpp"

namespace wgbot {

namespace {

Lang default_lang(const Config& config) {
  return lang_from_code(config.language, Lang::vi);
}

Lang lang_for(const Config& config, const Inbound& in, const std::optional<Member>& member) {
  if (member && !member->lang.empty()) return lang_from_code(member->lang, default_lang(config));
  if (!member) return lang_from_code(in.sender_language, default_lang(config));
  return default_lang(config);
}

std::optional<Member> linked_member(storage::Connection& db, const Account& account) {
  if (!account.member_id) return std::nullopt;
  auto member = storage::MemberRepository(db).by_id(*account.member_id);
  if (!member || !member->active) return std::nullopt;
  return member;
}

void record_chat(storage::Connection& db, const Inbound& in, std::int64_t now) {
  storage::ChatRepository chats(db);
  switch (in.kind) {
    case InboundKind::chat_joined:
      chats.upsert(in.platform, in.chat_id, in.chat_kind == ChatKind::group, in.chat_title, now);
      chats.set_active(in.platform, in.chat_id, true, now);
      break;
    case InboundKind::chat_left:
      chats.set_active(in.platform, in.chat_id, false, now);
      break;
    case InboundKind::chat_migrated:
      chats.migrate(in.platform, in.chat_id, in.migrate_to_chat_id, now);
      break;
    default:
      if (in.chat_kind == ChatKind::group) {
        chats.upsert(in.platform, in.chat_id, true, in.chat_title, now);
      }
      break;
  }
}

Outgoing callback_answer_for(const Inbound& in) {
  Outgoing answer;
  answer.kind = OutKind::callback_answer;
  answer.platform = in.platform;
  answer.chat_id = in.chat_id;
  answer.callback_id = in.callback_id;
  return answer;
}

// Replies in a group carry the sender's private chat, to go there if the platform refuses the
// group; once a group has refused (it is marked inactive), replies go privately at once.
void offer_private_fallback(storage::Connection& db, const Inbound& in, const Account& account,
                            Lang lang, std::vector<Outgoing>& out) {
  const std::string private_chat =
      account.private_chat_id.empty() ? in.sender_id : account.private_chat_id;
  const bool group_refused = !storage::ChatRepository(db).is_active(in.platform, in.chat_id);
  for (auto& o : out) {
    if (o.kind != OutKind::message || o.platform != in.platform || o.chat_id != in.chat_id) {
      continue;
    }
    if (!group_refused) {
      o.private_fallback_chat_id = private_chat;
      continue;
    }
    o.chat_id = private_chat;
    o.reply_to_message_id.clear();  // that message is in the group
    o.text = std::string(text(lang, Msg::group_reply_private)) + "\n" + o.text;
  }
}

}  // namespace

// Tells the sender that something went wrong, so a bug is never silence. Best effort: if even
// this cannot be written, the failed inbox row is the record.
void Dispatcher::apologise(storage::Connection& db, const Inbound& in, std::int64_t inbox_id,
                           std::int64_t now) {
  if (in.kind != InboundKind::message && in.kind != InboundKind::callback) return;
  try {
    storage::Savepoint apology(db, "apology");
    Outgoing o;
    o.platform = in.platform;
    o.chat_id = in.chat_id;
    o.text = std::string(text(lang_from_code(config_->language, Lang::vi), Msg::internal_error));
    storage::OutboxRepository(db).enqueue(o, now, inbox_id);
    apology.release();
  } catch (const std::exception& e) {
    if (storage::storage_error_of(e)) throw;  // the storage failed: the whole job must go
    spdlog::error("event=apology_failed platform={} error=\"{}\"", in.platform, e.what());
  }
}

Dispatcher::Dispatcher(std::shared_ptr<const Config> config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {}

void Dispatcher::set_bot_username(const std::string& platform, const std::string& username) {
  std::lock_guard lock(mutex_);
  bot_usernames_[platform] = username;
}

void Dispatcher::set_capabilities(const std::string& platform, const Capabilities& capabilities) {
  std::lock_guard lock(mutex_);
  capabilities_[platform] = capabilities;
}

void Dispatcher::use_settings(std::shared_ptr<SettingsOverlay> overlay) {
  std::lock_guard lock(mutex_);
  settings_ = std::move(overlay);
}

Capabilities Dispatcher::capabilities(const std::string& platform) const {
  std::lock_guard lock(mutex_);
  const auto it = capabilities_.find(platform);
  return it == capabilities_.end() ? Capabilities{} : it->second;
}

std::string Dispatcher::bot_username(const std::string& platform) const {
  std::lock_guard lock(mutex_);
  const auto it = bot_usernames_.find(platform);
  return it == bot_usernames_.end() ? std::string() : it->second;
}

DispatchResult Dispatcher::process(storage::Connection& db, const Inbound& in) {
  DispatchResult result;
  const auto now = clock_.now().time_since_epoch().count();
  const auto inbox_id =
      storage::InboxRepository(db).insert(in.platform, in.update_key, in.raw, now);
  if (!inbox_id) {
    result.duplicate = true;
    return result;
  }
  result.inbox_id = *inbox_id;
  // Run without savepoints, the batch is run again with them should the handler throw.
  if (db.batch_reruns_on_failure()) {
    result.replies = handle(db, in, *inbox_id);
    return result;
  }
  // The handler's changes get their own savepoint: if it throws, the inbox row still commits
  // (marked failed), so the update is neither lost nor retried forever. A storage error is not
  // the handler's fault: it ends the whole job, inbox row included, so the update is redelivered.
  storage::Savepoint handling(db, "handle");
  try {
    result.replies = handle(db, in, *inbox_id);
    handling.release();
  } catch (const std::exception& e) {
    if (storage::storage_error_of(e)) throw;
    handling.rollback();
    spdlog::error("event=handler_failed platform={} update={} error=\"{}\"", in.platform,
                  in.update_key, e.what());
    storage::InboxRepository(db).mark_failed(*inbox_id, e.what());
    result.failed = true;
    apologise(db, in, *inbox_id, now);
  }
  return result;
}

std::size_t Dispatcher::handle(storage::Connection& db, const Inbound& in, std::int64_t inbox_id) {
  const auto now_tp = clock_.now();
  const auto now = now_tp.time_since_epoch().count();
  record_chat(db, in, now);
  storage::OutboxRepository outbox(db);
  // Every button press gets an answer, even one we cannot act on, or the app keeps spinning.
  if (in.kind != InboundKind::callback && !in.callback_id.empty()) {
    outbox.enqueue(callback_answer_for(in), now, inbox_id);
    return 1;
  }
  if (in.kind != InboundKind::message && in.kind != InboundKind::callback &&
      in.kind != InboundKind::followed) {
    return 0;
  }
  if (in.sender_id.empty()) return 0;

  // Following an account is how its users say hello: they get what `/start` answers.
  const auto command = in.kind == InboundKind::followed
                           ? std::optional<ParsedCommand>(ParsedCommand{"start", "", ""})
                           : parse_command(in.text);
  const bool is_group = in.chat_kind == ChatKind::group;
  if (command && !addressed_to_us(*command, bot_username(in.platform))) return 0;
  const CommandSpec* spec = command ? find_command(command->name) : nullptr;
  // In groups only commands known to the bot are answered; plain chatter is not ours.
  if (is_group && spec == nullptr) return 0;

  storage::AccountRepository accounts(db);
  const Account account =
      accounts.touch(storage::SeenAccount{in.platform, in.sender_id, in.sender_username,
                                          in.sender_name, is_group ? std::string() : in.chat_id},
                     now);
  std::shared_ptr<const Config> config = config_;
  {
    std::unique_lock lock(mutex_);
    auto overlay = settings_;
    lock.unlock();
    if (overlay) config = overlay->config_for(storage::StateRepository(db).settings());
  }
  HandlerContext ctx{db, *config, now_tp, in, account, linked_member(db, account)};
  ctx.lang = lang_for(*config, in, ctx.member);
  ctx.capabilities = capabilities(in.platform);
  ctx.telegram_username = bot_username("telegram");

  if (!command) {
    // A message without text is a photo, sticker or voice the platform passed on as such.
    ctx.reply_tr(in.text.empty() ? Msg::text_only_private : Msg::not_a_command_private);
  } else if (spec == nullptr) {
    ctx.reply_tr(Msg::unknown_command, "/" + command->name);
  } else if (!may_run(*spec, ctx.member)) {
    // A refused admin command is accountable too: who tried what.
    if (spec->access == Access::admin) {
      write_audit(
          db,
          AdminActor{
              ctx.member ? "@" + ctx.member->handle : "account " + std::to_string(account.id), now},
          "refused", "/" + std::string(spec->name), "", "");
    }
    if (ctx.member) {
      ctx.reply_tr(Msg::not_allowed, "/" + command->name);
    } else {
      ctx.reply_tr(Msg::not_linked);
    }
  } else {
    ctx.command = std::string(spec->name);
    ctx.args = command->args;
    spec->run(ctx);
  }
  if (!in.callback_id.empty()) ctx.out.push_back(callback_answer_for(in));
  if (is_group) offer_private_fallback(db, in, account, ctx.lang, ctx.out);
  for (const auto& o : ctx.out) outbox.enqueue(o, now, inbox_id);
  return ctx.out.size();
}

}  // namespace wgbot
