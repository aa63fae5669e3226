#include "handlers/admin/broadcast.hpp"

#include "core/text_fold.hpp"
#include "handlers/admin/admin_args.hpp"
#include "handlers/admin/admin_handlers.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "handlers/notify.hpp"
#include "storage/broadcast_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

constexpr std::size_t kMaxBroadcastBytes = 3000;

struct Audience {
  std::optional<std::int64_t> unit_id;
  std::optional<Role> role;
};

// Reads the leading unit=/role= options; the refusal names a bad key or value.
AdminStatus read_audience(storage::Connection& db, std::string_view& rest, Audience& audience) {
  while (auto pair = take_leading_pair(rest)) {
    if (pair->key == "unit") {
      const auto unit = storage::UnitRepository(db).find(std::string(trim(pair->value)));
      if (!unit) return AdminError{Msg::admin_bad_value, "unit"};
      audience.unit_id = unit->id;
    } else if (pair->key == "role") {
      audience.role = role_from_key(lower_utf8(trim(pair->value)));
      if (!audience.role) return AdminError{Msg::admin_bad_value, "role"};
    } else {
      return AdminError{Msg::admin_unknown_key, pair->key};
    }
  }
  return std::nullopt;
}

}  // namespace

void handle_broadcast(HandlerContext& ctx) {
  std::string_view rest = ctx.args;
  Audience audience;
  if (auto refused = read_audience(ctx.db, rest, audience)) {
    ctx.reply(tr(ctx.lang, refused->msg, refused->arg));
    return;
  }
  const std::string body(trim(rest));
  if (body.empty()) {
    ctx.reply_tr(Msg::usage_broadcast);
    return;
  }
  if (body.size() > kMaxBroadcastBytes) {
    ctx.reply_tr(Msg::admin_bad_value, "text");
    return;
  }
  storage::OutboxRepository outbox(ctx.db);
  std::vector<std::int64_t> rows;
  for (const auto& m : storage::MemberRepository(ctx.db).list_active()) {
    if (m.id == ctx.member->id) continue;
    if (audience.unit_id && m.unit_id != audience.unit_id) continue;
    if (audience.role && m.role != *audience.role) continue;
    const Lang lang = member_lang(ctx.config, m);
    auto message =
        direct_message(ctx.db, m.id, tr(lang, Msg::broadcast_message, ctx.member->name, body));
    if (!message) continue;  // never linked or no private chat: nowhere to deliver
    rows.push_back(outbox.enqueue(*message, ctx.now_seconds()));
  }
  if (rows.empty()) {
    ctx.reply_tr(Msg::broadcast_none);
    return;
  }
  storage::BroadcastRepository(ctx.db).create(
      storage::NewBroadcast{"@" + ctx.member->handle, ctx.in.platform, ctx.in.chat_id,
                            std::string(lang_code(ctx.lang)), ctx.now_seconds()},
      rows);
  write_audit(ctx.db, AdminActor{"@" + ctx.member->handle, ctx.now_seconds()}, "broadcast",
              std::to_string(rows.size()) + " members", "", body);
  ctx.reply_tr(Msg::broadcast_queued, rows.size());
}

std::size_t queue_broadcast_summaries(storage::Connection& db, std::int64_t now) {
  storage::BroadcastRepository broadcasts(db);
  storage::OutboxRepository outbox(db);
  std::size_t queued = 0;
  for (const auto& b : broadcasts.finished_unsummarized()) {
    Outgoing o;
    o.platform = b.platform;
    o.chat_id = b.chat_id;
    o.text = tr(lang_from_code(b.lang, Lang::vi), Msg::broadcast_summary, b.sent, b.recipients,
                b.failed);
    outbox.enqueue(o, now);
    broadcasts.mark_summarized(b.id, now);
    ++queued;
  }
  return queued;
}

bool broadcast_summary_pending(storage::Connection& db) {
  return storage::BroadcastRepository(db).any_unsummarized();
}

}  // namespace wgbot
