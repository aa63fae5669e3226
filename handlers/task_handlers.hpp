// The task commands: create and show (/task), list (/tasks), report (/ack, /done, /progress) and
// manage (/due, /assign, /cancel, /reopen).
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {
// task_create.cpp
void handle_task(HandlerContext& ctx);
// task_view.cpp
void show_task(HandlerContext& ctx, std::int64_t task_id);
void handle_tasks(HandlerContext& ctx);
// task_report.cpp
void handle_ack(HandlerContext& ctx);
void handle_done(HandlerContext& ctx);
void handle_progress(HandlerContext& ctx);
// task_manage.cpp
void handle_due(HandlerContext& ctx);
void handle_assign(HandlerContext& ctx);
void handle_cancel(HandlerContext& ctx);
void handle_reopen(HandlerContext& ctx);
}  // namespace wgbot
