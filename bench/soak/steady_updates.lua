-- wrk script for the soak: the Telegram mix of bench/telegram/post_updates.lua (4 × "/giao",
-- 3 × "/tasks", 3 × plain text per 10), at a steady rate instead of as fast as possible.
-- Each wrk thread owns RATE / threads request slots per second; a connection asks for the next
-- free slot in delay(), so the total stays at RATE as long as there are enough connections.
-- Env: WGBOT_SOAK_RATE (updates/s, default 1000), WGBOT_SOAK_THREADS (wrk -t, default 2),
-- WGBOT_BENCH_SECRET, WGBOT_BENCH_USERS. done() prints ok_200=N and the status counts.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } wgbot_timespec;
  int clock_gettime(int clk_id, wgbot_timespec* tp);
]]
local ts = ffi.new("wgbot_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local secret = os.getenv("WGBOT_BENCH_SECRET") or "bench-secret"
local users = tonumber(os.getenv("WGBOT_BENCH_USERS") or "1000")
local rate = tonumber(os.getenv("WGBOT_SOAK_RATE") or "1000")
local nthreads = tonumber(os.getenv("WGBOT_SOAK_THREADS") or "2")
local interval = 1000 * nthreads / rate  -- ms between this thread's requests

local threads = {}
local next_thread = 0
function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

counter = 0
statuses = {}
local next_slot = nil

function init(args)
  wrk.method = "POST"
  wrk.path = "/webhook/telegram"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = secret
  math.randomseed(tid * 7919 + 17)
end

function delay()
  local now = now_ms()
  if next_slot == nil or next_slot < now - 1000 then next_slot = now end  -- no catch-up burst
  local wait = next_slot - now
  next_slot = next_slot + interval
  if wait < 0 then return 0 end
  return wait
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

function request()
  counter = counter + 1
  local update_id = tid * 1000000000 + counter
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
  for _, p in ipairs({50, 99}) do
    io.write(string.format("p%s_ms=%.3f\n", p, latency:percentile(p) / 1000))
  end
end
