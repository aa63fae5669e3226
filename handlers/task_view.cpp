// `/task <id>` (one task with its history) and `/tasks [filter] [page]`.
#include <algorithm>
#include <cctype>

#include "core/text_fold.hpp"
#include "handlers/task_common.hpp"
#include "handlers/task_handlers.hpp"
#include "handlers/task_parse.hpp"
#include "handlers/task_permissions.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

// A unit by its short name or full name, typed with or without diacritics ("so noi vu").
std::optional<Unit> find_unit(storage::Connection& db, const std::string& name) {
  const storage::UnitRepository units(db);
  if (auto unit = units.find(name)) return unit;
  const std::string folded = fold_for_search(name);
  for (auto& s : units.list_with_counts()) {
    if (fold_for_search(s.unit.short_name) == folded || fold_for_search(s.unit.name) == folded) {
      return std::move(s.unit);
    }
  }
  return std::nullopt;
}

constexpr std::size_t kPageSize = 10;

enum class ListKind { mine, all, overdue, done, member, unit };

struct ListRequest {
  ListKind kind = ListKind::mine;
  std::size_t page = 1;
  std::string filter_words;  // as typed, for the "next page" hint
  std::optional<Member> member;
  std::optional<Unit> unit;
};

bool is_number(std::string_view word) {
  return !word.empty() && word.size() < 6 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<ListKind> simple_kind(const std::string& folded) {
  if (folded.empty() || folded == "mine" || folded == "cua toi" || folded == "toi") {
    return ListKind::mine;
  }
  if (folded == "all" || folded == "tat ca") return ListKind::all;
  if (folded == "overdue" || folded == "qua han") return ListKind::overdue;
  if (folded == "done" || folded == "xong" || folded == "hoan thanh" || folded == "da xong") {
    return ListKind::done;
  }
  return std::nullopt;
}

// Parses the filter, replying why not when it cannot be used.
std::optional<ListRequest> parse_request(HandlerContext& ctx) {
  ListRequest req;
  std::string words = squeeze_spaces(ctx.args);
  const auto space = words.rfind(' ');
  const std::string last = space == std::string::npos ? words : words.substr(space + 1);
  if (is_number(last)) {
    req.page = std::stoul(last);
    words = space == std::string::npos ? std::string() : words.substr(0, space);
  }
  req.filter_words = words;
  const std::string folded = fold_for_search(words);
  if (const auto kind = simple_kind(folded)) {
    req.kind = *kind;
  } else if (words.starts_with('@') && words.find(' ') == std::string::npos) {
    const auto resolved =
        resolve_mentions(ctx.db, ctx.in.platform, {TaskMention{words.substr(1), ""}});
    if (resolved.error) {
      reply_mention_error(ctx, resolved);
      return std::nullopt;
    }
    const auto& who = resolved.assignees.front();
    req.kind = who.via_unit ? ListKind::unit : ListKind::member;
    if (who.via_unit) req.unit = who.via_unit;
    req.member = who.member;
  } else if (folded.starts_with("unit ") || folded.starts_with("don vi ") ||
             folded.starts_with("donvi ")) {
    // The unit's name is what follows the first word (or two, for "đơn vị").
    const std::size_t skip = folded.starts_with("don vi ") ? 2 : 1;
    std::size_t at = 0;
    for (std::size_t i = 0; i < skip; ++i) at = words.find(' ', at) + 1;
    const std::string name = words.substr(at);
    req.unit = find_unit(ctx.db, name);
    if (!req.unit) {
      ctx.reply_tr(Msg::tasks_unknown_unit, name);
      return std::nullopt;
    }
    req.kind = ListKind::unit;
  } else {
    ctx.reply_tr(Msg::tasks_usage);
    return std::nullopt;
  }
  if (req.page < 1) {
    ctx.reply_tr(Msg::tasks_usage);
    return std::nullopt;
  }
  return req;
}

TaskQuery query_for(const ListRequest& req, const HandlerContext& ctx) {
  TaskQuery q;
  q.status = TaskStatus::open;
  switch (req.kind) {
    case ListKind::mine:
      q.assignee_id = ctx.member->id;
      break;
    case ListKind::all:
      break;
    case ListKind::overdue:
      q.due_before = ctx.now_seconds();
      break;
    case ListKind::done:
      q.status = TaskStatus::done;
      break;
    case ListKind::member:
      q.assignee_id = req.member->id;
      break;
    case ListKind::unit:
      q.unit_id = req.unit->id;
      break;
  }
  return q;
}

std::string list_title(const ListRequest& req, TaskScope& scope) {
  const Lang lang = scope.ctx.lang;
  switch (req.kind) {
    case ListKind::mine:
      return std::string(text(lang, Msg::tasks_title_mine));
    case ListKind::all:
      return std::string(text(lang, Msg::tasks_title_all));
    case ListKind::overdue:
      return std::string(text(lang, Msg::tasks_title_overdue));
    case ListKind::done:
      return std::string(text(lang, Msg::tasks_title_done));
    case ListKind::member:
      return tr(lang, Msg::tasks_title_member, scope.people.person(lang, req.member->id));
    case ListKind::unit:
      return tr(lang, Msg::tasks_title_unit, req.unit->name);
  }
  return {};
}

// Others than the leadership may list only themselves, their unit and its members.
bool in_scope(const ListRequest& req, const Member& me) {
  if (req.kind == ListKind::unit) return may_see_unit(me, req.unit->id);
  if (req.kind == ListKind::member) {
    return req.member->id == me.id || may_see_unit(me, req.member->unit_id);
  }
  return true;
}

}  // namespace

void show_task(HandlerContext& ctx, std::int64_t task_id) {
  TaskScope scope(ctx);
  const auto task = scope.repo.record(task_id);
  if (!task) {
    ctx.reply_tr(Msg::task_not_found, task_id);
    return;
  }
  if (!may_see_task(*ctx.member, *task)) {
    ctx.reply_tr(Msg::task_not_visible, task_id);
    return;
  }
  std::string body =
      task_detail(scope.look(), *task, scope.state(task->task), scope.repo.events(task_id));
  // The lead can act on it from here: buttons, and the commands where there are none (Zalo).
  if (task->task.status == TaskStatus::open && may_ack_task(*ctx.member, *task)) {
    body += '\n' + lead_hint(ctx.lang, task_id);
    ctx.reply(std::move(body), lead_buttons(ctx.lang, task_id));
    return;
  }
  ctx.reply(std::move(body));
}

void handle_tasks(HandlerContext& ctx) {
  auto req = parse_request(ctx);
  if (!req) return;
  const Member& me = *ctx.member;
  if (!in_scope(*req, me)) {
    ctx.reply_tr(Msg::tasks_scope_refused);
    return;
  }
  TaskScope scope(ctx);
  TaskQuery query = query_for(*req, ctx);
  // One's own tasks are all visible to oneself; other lists are narrowed to what one may see.
  if (!may_see_all_tasks(me) && query.assignee_id != me.id) {
    query.visible_to = TaskViewer{me.id, me.unit_id};
  }
  if (req->kind == ListKind::done) query.order = TaskOrder::recently_done;
  const auto offset = static_cast<std::int64_t>((req->page - 1) * kPageSize);
  const TaskPage page = scope.repo.page(query, offset, static_cast<std::int64_t>(kPageSize));
  const std::string title = list_title(*req, scope);
  if (page.total == 0) {
    ctx.reply_tr(Msg::tasks_empty, title);
    return;
  }
  const auto total = static_cast<std::size_t>(page.total);
  const std::size_t pages = (total + kPageSize - 1) / kPageSize;
  if (req->page > pages) {
    ctx.reply_tr(Msg::tasks_bad_page, pages);
    return;
  }
  std::string body = tr(ctx.lang, Msg::tasks_header, title, total, req->page, pages);
  for (const auto& task : page.tasks) {
    body += '\n' + task_list_entry(scope.look(), task, scope.state(task.task));
  }
  if (req->page < pages) {
    const std::string next = req->filter_words.empty()
                                 ? std::to_string(req->page + 1)
                                 : req->filter_words + " " + std::to_string(req->page + 1);
    body += '\n' + tr(ctx.lang, Msg::tasks_next_page, next);
  }
  ctx.reply(std::move(body));
}

}  // namespace wgbot
