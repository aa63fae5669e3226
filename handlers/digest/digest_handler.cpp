#include "handlers/digest/digest_handler.hpp"

#include "handlers/digest/digest_send.hpp"
#include "handlers/task_permissions.hpp"

namespace wgbot {

void handle_digest(HandlerContext& ctx) {
  if (!ctx.member || !may_see_all_tasks(*ctx.member)) {
    ctx.reply_tr(Msg::digest_not_subscriber);
    return;
  }
  const digest::DigestContext dctx = digest::digest_context_from(ctx.config);
  const digest::DigestOptions options{dctx.cal, dctx.no_progress_days};
  const auto data = digest::collect_digest(ctx.db, options, ctx.now,
                                           digest::digest_since(ctx.db, ctx.member->id, ctx.now));
  Outgoing message = digest::digest_outgoing(ctx.lang, data, dctx, false);
  ctx.reply(std::move(message.text), std::move(message.buttons));
  ctx.out.back().hint = std::move(message.hint);
  ctx.out.back().file = std::move(message.file);
}

}  // namespace wgbot
