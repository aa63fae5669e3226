// What the people doing a task report: /ack, /done, /progress.
#include <charconv>

#include "handlers/task_common.hpp"
#include "handlers/task_format.hpp"
#include "handlers/task_handlers.hpp"
#include "handlers/task_parse.hpp"
#include "handlers/task_permissions.hpp"
#include "handlers/time_text.hpp"

namespace wgbot {

namespace {

// "60%", "60 %" or "60", then an optional note.
struct ProgressArgs {
  int percent = 0;
  std::string note;
};

std::optional<ProgressArgs> parse_progress(const std::string& rest) {
  std::string_view text = rest;
  int value = -1;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || value < 0 || value > 100) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
  if (text.starts_with(" %")) text.remove_prefix(2);
  if (text.starts_with('%')) text.remove_prefix(1);
  if (!text.empty() && text.front() != ' ') return std::nullopt;
  return ProgressArgs{value, squeeze_spaces(text)};
}

// A pressed task card is redrawn with its new state; only the buttons that still apply stay.
void refresh_pressed_card(TaskScope& scope, std::int64_t task_id, bool open) {
  const auto after = scope.repo.record(task_id);
  if (!after) return;
  const TaskStateInfo state = scope.state(after->task);
  std::string card = task_card(scope.look(), *after) + "\n" + state_label(scope.ctx.lang, state);
  ButtonRows buttons =
      open ? lead_buttons(scope.ctx.lang, task_id) : detail_buttons(scope.ctx.lang, task_id);
  for (auto& row : buttons) {
    std::erase_if(row, [](const Button& b) { return b.data.starts_with("ack:"); });
  }
  std::erase_if(buttons, [](const auto& row) { return row.empty(); });
  scope.ctx.update_pressed_message(std::move(card), std::move(buttons));
}

}  // namespace

void handle_ack(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_task_command(scope, Msg::ack_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  if (!may_ack_task(*ctx.member, cmd->task)) {
    ctx.reply_tr(Msg::ack_refused, t.id);
    return;
  }
  if (!require_open(ctx, t)) return;
  if (t.acked_at) {
    ctx.reply_tr(
        Msg::ack_already, t.id,
        format_datetime(ctx.lang, std::chrono::sys_seconds{std::chrono::seconds{*t.acked_at}},
                        scope.cal));
    return;
  }
  scope.repo.set_acked(t.id, ctx.now_seconds());
  scope.record_event(t.id, task_event_kind::kAcked);
  ctx.reply_tr(Msg::ack_done, t.id, t.title);
  refresh_pressed_card(scope, t.id, true);
}

void handle_done(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_task_command(scope, Msg::done_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  if (!may_report_task(*ctx.member, cmd->task)) {
    ctx.reply_tr(Msg::report_refused, t.id);
    return;
  }
  if (!require_open(ctx, t)) return;
  scope.repo.set_done(t.id, ctx.now_seconds());
  scope.record_event(t.id, task_event_kind::kDone, std::to_string(t.progress), "100", cmd->rest);
  const auto after = scope.repo.record(t.id);
  const TaskStateInfo state = scope.state(after->task);
  ctx.reply_tr(Msg::done_ok, t.id, state_label(ctx.lang, state));
  scope.notices().done(*after, state, cmd->rest);
  refresh_pressed_card(scope, t.id, false);
}

void handle_progress(HandlerContext& ctx) {
  TaskScope scope(ctx);
  auto cmd = load_task_command(scope, Msg::progress_usage);
  if (!cmd) return;
  const Task& t = cmd->task.task;
  const auto args = parse_progress(cmd->rest);
  if (!args) {
    ctx.reply_tr(Msg::progress_usage);
    return;
  }
  if (!may_report_task(*ctx.member, cmd->task)) {
    ctx.reply_tr(Msg::report_refused, t.id);
    return;
  }
  if (!require_open(ctx, t)) return;
  scope.repo.set_progress(t.id, args->percent, ctx.now_seconds());
  scope.record_event(t.id, task_event_kind::kProgress, std::to_string(t.progress),
                     std::to_string(args->percent), args->note);
  ctx.reply_tr(Msg::progress_ok, t.id, t.progress, args->percent);
}

}  // namespace wgbot
