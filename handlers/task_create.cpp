// `/task <text with @assignees> [hạn <when>] [src <document>]`, and `/task <id>` (shows one).
#include <algorithm>

#include "handlers/input_limits.hpp"
#include "handlers/task_common.hpp"
#include "handlers/task_handlers.hpp"
#include "handlers/task_parse.hpp"
#include "handlers/task_permissions.hpp"
#include "handlers/time_text.hpp"

namespace wgbot {

namespace {

// The reply echoes how the command was understood, so a misreading is seen at once.
std::string echo(TaskScope& scope, const TaskRecord& task) {
  const Lang lang = scope.ctx.lang;
  const auto lead = task.lead_id();
  std::string out = lead && *lead == scope.ctx.member->id
                        ? tr(lang, Msg::task_created_self, task.task.id)
                        : tr(lang, Msg::task_created_for, task.task.id,
                             scope.people.person(lang, lead.value_or(0)));
  out += '\n' + task_card(scope.look(), task);
  if (task.task.due_at) {
    const std::string warning =
        off_day_warning(lang, std::chrono::sys_seconds{std::chrono::seconds{*task.task.due_at}},
                        scope.cal, task.task.id);
    if (!warning.empty()) out += '\n' + warning;
  }
  return out;
}

}  // namespace

void handle_task(HandlerContext& ctx) {
  const std::string args = squeeze_spaces(ctx.args);
  if (const auto id = parse_task_id(args)) {
    show_task(ctx, *id);
    return;
  }
  if (args.empty() && squeeze_spaces(ctx.in.reply_to_text).empty()) {
    ctx.reply_tr(Msg::task_usage);
    return;
  }
  TaskScope scope(ctx);
  const auto opt = when_options(ctx.config, timeexpr::Purpose::deadline);
  const TaskText parsed =
      parse_task_text(args, ctx.in.text_mentions, ctx.in.reply_to_text, ctx.now, scope.cal, opt);
  if (parsed.deadline_error) {
    ctx.reply(describe_when_error(ctx.lang, *parsed.deadline_error, opt.purpose));
    return;
  }
  if (parsed.title.empty()) {
    ctx.reply_tr(Msg::task_usage);
    return;
  }
  if (const auto chars = count_chars(parsed.title); chars > kMaxTitleChars) {
    ctx.reply_tr(Msg::task_title_too_long, chars, kMaxTitleChars);
    return;
  }
  const ResolveResult resolved = resolve_mentions(ctx.db, ctx.in.platform, parsed.mentions);
  if (resolved.error) {
    reply_mention_error(ctx, resolved);
    return;
  }
  const Member& me = *ctx.member;
  std::vector<TaskAssignee> assignees = to_task_assignees(resolved.assignees);
  // Without an assignee the task is the sender's own.
  if (assignees.empty()) assignees.push_back(TaskAssignee{me.id, me.unit_id, true, 0});
  const bool for_others = std::any_of(assignees.begin(), assignees.end(),
                                      [&](const TaskAssignee& a) { return a.member_id != me.id; });
  if (for_others && !may_assign_to_others(me, ctx.config)) {
    ctx.reply_tr(Msg::task_assign_refused);
    return;
  }
  NewTask task;
  task.title = parsed.title;
  task.src = parsed.src;
  task.assigner_id = me.id;
  if (parsed.deadline) task.due_at = parsed.deadline->at.time_since_epoch().count();
  task.created_at = ctx.now_seconds();
  task.origin_platform = ctx.in.platform;
  task.origin_chat_id = ctx.in.chat_id;
  task.assignees = std::move(assignees);
  const std::int64_t id = scope.repo.create(task);
  const auto record = scope.repo.record(id);
  ctx.reply(echo(scope, *record));
  scope.notices().assigned(*record);
}

}  // namespace wgbot
