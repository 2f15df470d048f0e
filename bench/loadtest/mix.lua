-- wrk script: each request goes to a URL picked at random, weighted, from the list in the
-- file named by the first script argument (lines "weight<TAB>kind<TAB>Accept-Language<TAB>
-- path"). With a second argument N, each request comes from one of N readers' addresses
-- (X-Forwarded-For in 198.18.0.0/15, as a load balancer in front would add it). It counts
-- the requests sent per kind and the responses per status class, and prints every figure
-- as one JSON line starting with "LOADTEST ".

local targets = {} -- {limit = cumulative weight, kind = ..., path = ..., headers = ...}
local total = 0
local threads = {}
local addresses = 0

-- Globals: done() reads them from each thread with thread:get().
sent = {}
statuses = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("number", #threads)
end

function init(args)
   local file = assert(io.open(args[1], "r"))
   for line in file:lines() do
      local weight, kind, language, path = line:match("^([%d.]+)\t([^\t]+)\t([^\t]*)\t(%S+)$")
      if weight then
         local headers = { ["Accept-Encoding"] = "gzip" }
         if language ~= "" then
            headers["Accept-Language"] = language
         end
         total = total + tonumber(weight)
         table.insert(targets, {
            limit = total, kind = kind, path = path, headers = headers,
            request = wrk.format("GET", path, headers),
         })
         sent[kind] = 0
      end
   end
   file:close()
   assert(#targets > 0, "no URL in " .. args[1])
   addresses = tonumber(args[2] or "0")
   math.randomseed(os.time() + 7919 * number)
end

local function reader_address()
   local n = math.random(0, addresses - 1)
   return string.format("198.%d.%d.%d", 18 + math.floor(n / 65536) % 2, math.floor(n / 256) % 256, n % 256)
end

function request()
   local point = math.random() * total
   local low, high = 1, #targets
   while low < high do
      local middle = math.floor((low + high) / 2)
      if targets[middle].limit < point then
         low = middle + 1
      else
         high = middle
      end
   end
   local target = targets[low]
   sent[target.kind] = sent[target.kind] + 1
   if addresses > 0 then
      target.headers["X-Forwarded-For"] = reader_address()
      return wrk.format("GET", target.path, target.headers)
   end
   return target.request
end

function response(status, headers, body)
   local class = math.floor(status / 100) .. "xx"
   statuses[class] = (statuses[class] or 0) + 1
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

function done(summary, latency, requests)
   local all_sent, all_statuses = {}, {}
   for _, thread in ipairs(threads) do
      add(all_sent, thread:get("sent"))
      add(all_statuses, thread:get("statuses"))
   end
   io.write("LOADTEST ", json({
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
