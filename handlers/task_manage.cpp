// What the assigner (or the standing member, or an admin) changes: /due, /assign, /cancel,
// /reopen.
#include "core/text_fold.hpp"
#include "handlers/task_common.hpp"
#include "handlers/task_handlers.hpp"
#include "handlers/task_parse.hpp"
#include "handlers/task_permissions.hpp"
#include "handlers/time_text.hpp"

namespace wgbot {

namespace {

std::string unix_text(const std::optional<std::int64_t>& t) {
  return t ? std::to_string(*t) : std::string();
}

// People write the word before the new date: "/giahan 1 hạn 22/12", "/giahan 1 đến 22/12".
std::string without_deadline_word(const std::string& rest) {
  const auto space = rest.find(' ');
  if (space == std::string::npos) return rest;
  const std::string word = fold_for_search(rest.substr(0, space));
  if (word != "han" && word != "den" && word != "to" && word != "until") return rest;
  const auto start = rest.find_first_not_of(' ', space);
  return start == std::string::npos ? std::string() : rest.substr(start);
}

// Loads the task and checks the manager's right; replies and returns nullopt otherwise.
std::optional<TaskCommand> load_managed(TaskScope& scope, Msg usage) {
  auto cmd = load_task_command(scope, usage);
  if (!cmd) return std::nullopt;
  if (!may_manage_task(*scope.ctx.member, cmd->task)) {
    scope.ctx.reply_tr(Msg::manage_refused, cmd->task.task.id);
    return std::nullopt;
  }
  return cmd;
}

// `@handle`, a bare handle, or a Telegram text_mention.
std::optional<TaskMention> new_lead_mention(const HandlerContext& ctx, const std::string& rest) {
  if (!ctx.in.text_mentions.empty() && !ctx.in.text_mentions.front().user_id.empty()) {
    const auto& m = ctx.in.text_mentions.front();
    return TaskMention{m.shown, m.user_id};
  }
  if (rest.empty() || rest.find(' ') != std::string::npos) return std::nullopt;
  return TaskMention{rest.starts_with('@') ? rest.substr(1) : rest, ""};
}

}  // namespace

void handle_due(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_managed(scope, Msg::due_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  if (cmd->rest.empty()) {
    ctx.reply_tr(Msg::due_usage);
    return;
  }
  if (!require_open(ctx, t)) return;
  const auto opt = when_options(ctx.config, timeexpr::Purpose::deadline);
  const auto when = timeexpr::parse_when(without_deadline_word(cmd->rest), ctx.now, scope.cal, opt);
  if (const auto* error = std::get_if<timeexpr::WhenError>(&when)) {
    ctx.reply(
        describe_when_error(ctx.lang, *error, opt.purpose, tr(ctx.lang, Msg::due_example, t.id)));
    return;
  }
  const std::int64_t due = std::get<timeexpr::When>(when).at.time_since_epoch().count();
  const auto old_due = t.due_at;
  scope.repo.set_due(t.id, due);
  scope.record_event(t.id, task_event_kind::kDue, unix_text(old_due), std::to_string(due));
  const auto after = scope.repo.record(t.id);
  std::string reply = tr(ctx.lang, Msg::due_ok, t.id, deadline_text(scope.look(), old_due),
                         deadline_text(scope.look(), due));
  const std::string warning = off_day_warning(
      ctx.lang, std::chrono::sys_seconds{std::chrono::seconds{due}}, scope.cal, t.id);
  if (!warning.empty()) reply += '\n' + warning;
  ctx.reply(std::move(reply));
  scope.notices().redated(*after, old_due);
}

void handle_assign(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_managed(scope, Msg::assign_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  const auto mention = new_lead_mention(ctx, cmd->rest);
  if (!mention) {
    ctx.reply_tr(Msg::assign_usage);
    return;
  }
  const auto resolved = resolve_mentions(ctx.db, ctx.in.platform, {*mention});
  if (resolved.error) {
    reply_mention_error(ctx, resolved);
    return;
  }
  const ResolvedAssignee& lead = resolved.assignees.front();
  // Handing a task to someone else is assigning it to them.
  if (lead.member.id != ctx.member->id && !may_assign_to_others(*ctx.member, ctx.config)) {
    ctx.reply_tr(Msg::task_assign_refused);
    return;
  }
  if (!require_open(ctx, t)) return;
  const auto old_lead = cmd->task.lead_id();
  if (old_lead == lead.member.id) {
    ctx.reply_tr(Msg::assign_same, lead.member.name, t.id);
    return;
  }
  scope.repo.set_lead(t.id, lead.member.id, lead.unit_id());
  scope.record_event(t.id, task_event_kind::kAssigned, unix_text(old_lead),
                     std::to_string(lead.member.id));
  const auto after = scope.repo.record(t.id);
  ctx.reply_tr(Msg::assign_ok, t.id, scope.people.person(ctx.lang, lead.member.id));
  auto notices = scope.notices();
  notices.assigned(*after, lead.member.id);
  if (old_lead) notices.reassigned_away(*after, *old_lead);
}

void handle_cancel(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_managed(scope, Msg::cancel_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  if (!require_open(ctx, t)) return;
  scope.repo.set_cancelled(t.id);
  scope.record_event(t.id, task_event_kind::kCancelled, "open", "cancelled", cmd->rest);
  ctx.reply_tr(Msg::cancel_ok, t.id);
  scope.notices().cancelled(cmd->task);
}

void handle_reopen(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_managed(scope, Msg::reopen_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  if (t.status == TaskStatus::open) {
    ctx.reply_tr(Msg::reopen_already_open, t.id);
    return;
  }
  scope.repo.set_reopened(t.id);
  scope.record_event(t.id, task_event_kind::kReopened, std::string(task_status_key(t.status)),
                     "open", cmd->rest);
  ctx.reply_tr(Msg::reopen_ok, t.id);
  scope.notices().reopened(cmd->task);
}

}  // namespace wgbot
