// /audit [n]: the latest admin actions and refusals, newest first.
#include <charconv>

#include "core/text_fold.hpp"
#include "handlers/admin/admin_handlers.hpp"
#include "handlers/time_text.hpp"
#include "storage/audit_repository.hpp"

namespace wgbot {

namespace {
constexpr int kDefaultEntries = 10;
constexpr int kMaxEntries = 50;
}  // namespace

void handle_audit(HandlerContext& ctx) {
  const std::string_view args = trim(ctx.args);
  int n = kDefaultEntries;
  if (!args.empty()) {
    const auto [ptr, ec] = std::from_chars(args.data(), args.data() + args.size(), n);
    if (ec != std::errc{} || ptr != args.data() + args.size() || n < 1) {
      ctx.reply_tr(Msg::usage_audit);
      return;
    }
    n = std::min(n, kMaxEntries);
  }
  const auto entries = storage::AuditRepository(ctx.db).recent(n);
  if (entries.empty()) {
    ctx.reply_tr(Msg::audit_empty);
    return;
  }
  const auto cal = calendar_from(ctx.config);
  std::string body = tr(ctx.lang, Msg::audit_header, entries.size());
  for (const auto& e : entries) {
    body += '\n' +
            tr(ctx.lang, Msg::audit_line,
               format_datetime(ctx.lang, std::chrono::sys_seconds{std::chrono::seconds{e.at}}, cal),
               e.actor, e.action, e.target);
    if (!e.before.empty() || !e.after.empty()) {
      body += '\n' + tr(ctx.lang, Msg::audit_change, e.before.empty() ? "—" : e.before,
                        e.after.empty() ? "—" : e.after);
    }
  }
  ctx.reply(std::move(body));
}

}  // namespace wgbot
