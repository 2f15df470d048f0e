-- What both wrk scripts (mix.lua, flood.lua) share: wrk's threads numbered (setup), the
-- counts each thread keeps (the globals `sent` per kind and `statuses` per class), and in
-- done() all of them summed and printed with wrk's own figures as one JSON line after a
-- prefix, for bench/loadtest to read.
local figures = {}
local threads = {}

-- Globals: figures.print() reads them from each thread with thread:get().
sent = {}
statuses = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("number", #threads)
end

local function json(value)
   if type(value) == "table" then
      local items = {}
      for key, item in pairs(value) do
         table.insert(items, json(tostring(key)) .. ":" .. json(item))
      end
      table.sort(items)
      return "{" .. table.concat(items, ",") .. "}"
   elseif type(value) == "string" then
      return '"' .. value:gsub('[%c"\\]', function(c)
         return string.format("\\u%04x", c:byte())
      end) .. '"'
   end
   return string.format("%.17g", value)
end

local function add(into, counts)
   for key, count in pairs(counts or {}) do
      into[key] = (into[key] or 0) + count
   end
end

-- For wrk's done(): every thread's counts summed, with wrk's own figures.
function figures.print(prefix, summary, latency)
   local all_sent, all_statuses = {}, {}
   for _, thread in ipairs(threads) do
      add(all_sent, thread:get("sent"))
      add(all_statuses, thread:get("statuses"))
   end
   io.write(prefix, " ", json({
      duration_us = summary.duration,
      requests = summary.requests,
      bytes = summary.bytes,
      errors = summary.errors,
      latency_us = {
         p50 = latency:percentile(50),
         p90 = latency:percentile(90),
         p99 = latency:percentile(99),
         max = latency.max,
         mean = latency.mean,
      },
      statuses = all_statuses,
      sent = all_sent,
   }), "\n")
end

return figures
