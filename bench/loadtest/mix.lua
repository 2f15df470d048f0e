-- wrk script: each request goes to a URL picked at random, weighted, from the list in the
-- file named by the first script argument (lines "weight<TAB>kind<TAB>Accept-Language<TAB>
-- path"). With a second argument N, each request comes from one of N readers' addresses
-- (X-Forwarded-For in 198.18.0.0/15, as a load balancer in front would add it). It counts
-- the requests sent per kind and the responses per status class, and prints every figure
-- as one JSON line starting with "LOADTEST ".

-- figures.lua beside this script: setup(), the counts `sent` and `statuses`, the JSON line.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local figures = require("figures")

local targets = {} -- {limit = cumulative weight, kind = ..., path = ..., headers = ...}
local total = 0
local addresses = 0

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

function done(summary, latency, requests)
   figures.print("LOADTEST", summary, latency)
end
