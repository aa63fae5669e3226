-- wrk script: POSTs unique Telegram updates to /webhook/telegram.
-- Each request: update_id = thread_index * 1e9 + per-thread counter (unique across threads and
-- connections); from.id = chat.id = one of the users 1..USERS (private chats).
-- Mix per 10 requests: 4 × "/giao <title>" (own task), 3 × "/tasks", 3 × plain text.
-- WGBOT_BENCH_NO_LIST=1 sends plain text instead of "/tasks" (isolates the list query's cost).
-- Counts responses by status; done() prints them, the 200 count as "ok_200=N" for run.sh.
local secret = os.getenv("WGBOT_BENCH_SECRET") or "bench-secret"
local users = tonumber(os.getenv("WGBOT_BENCH_USERS") or "1000")
-- Added to every update_id, so that two runs against one database do not repeat ids.
local id_base = tonumber(os.getenv("WGBOT_BENCH_ID_BASE") or "0")

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

counter = 0
statuses = {}

function init(args)
  wrk.method = "POST"
  wrk.path = "/webhook/telegram"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = secret
  math.randomseed(tid * 7919 + 17)
end

local texts = {
  function(n) return "/giao Rà soát hồ sơ đợt " .. n end,
  function(n) return "/tasks" end,
  function(n) return "Báo cáo tiến độ tuần này " .. n end,
  function(n) return "/giao Chuẩn bị tài liệu họp số " .. n end,
  function(n) return "/tasks" end,
  function(n) return "Xin chào" end,
  function(n) return "/giao Tổng hợp ý kiến góp ý " .. n end,
  function(n) return "/tasks" end,
  function(n) return "Đã nhận" end,
  function(n) return "/giao Kiểm tra số liệu " .. n end,
}

if os.getenv("WGBOT_BENCH_NO_LIST") == "1" then
  for i, f in ipairs(texts) do
    if f(0) == "/tasks" then texts[i] = function(n) return "Ghi nhận " .. n end end
  end
end

function request()
  counter = counter + 1
  local update_id = id_base + tid * 1000000000 + counter
  local user = math.random(1, users)
  local text = texts[(counter % #texts) + 1](update_id)
  local body = string.format(
    '{"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,' ..
    '"first_name":"U%d","language_code":"vi"},"chat":{"id":%d,"first_name":"U%d",' ..
    '"type":"private"},"date":1795569302,"text":"%s"}}',
    update_id, counter, user, user, user, user, text)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do totals[k] = (totals[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(totals) do table.insert(parts, k .. ":" .. v) end
  table.sort(parts)
  io.write("statuses=" .. table.concat(parts, ",") .. "\n")
  io.write("ok_200=" .. (totals[200] or 0) .. "\n")
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s_ms=%.3f\n", p, latency:percentile(p) / 1000))
  end
end
