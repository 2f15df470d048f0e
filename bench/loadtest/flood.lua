-- wrk script for a hostile client: each request goes to a URL made afresh from a pattern
-- picked at random from the file named by the first script argument (lines
-- "kind<TAB>path", where each "{r}" in the path becomes a random word and each "{n}" a
-- random number), so that no answer can come from a cache. With a second argument N, the
-- requests come from N addresses (X-Forwarded-For 203.0.113.1 to N). It counts the
-- requests sent per kind and the answers per status (429 apart), and prints every figure
-- as one JSON line starting with "FLOOD ".

-- figures.lua beside this script: setup(), the counts `sent` and `statuses`, the JSON line.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local figures = require("figures")

local patterns = {}
local addresses = 1
local headers = { ["Accept-Encoding"] = "gzip" }

function init(args)
   local file = assert(io.open(args[1], "r"))
   for line in file:lines() do
      local kind, path = line:match("^([^\t]+)\t(%S+)$")
      if kind then
         table.insert(patterns, { kind = kind, path = path })
         sent[kind] = 0
      end
   end
   file:close()
   assert(#patterns > 0, "no pattern in " .. args[1])
   addresses = tonumber(args[2] or "1")
   math.randomseed(os.time() + 104729 * number)
end

local letters = "abcdefghijklmnopqrstuvwxyz"

local function word()
   local chars = {}
   for i = 1, 8 do
      local at = math.random(1, #letters)
      chars[i] = letters:sub(at, at)
   end
   return table.concat(chars)
end

function request()
   local pattern = patterns[math.random(1, #patterns)]
   sent[pattern.kind] = sent[pattern.kind] + 1
   local path = pattern.path:gsub("{r}", word):gsub("{n}", function()
      return tostring(math.random(2, 100000))
   end)
   headers["X-Forwarded-For"] = "203.0.113." .. math.random(1, addresses)
   return wrk.format("GET", path, headers)
end

function response(status, headers, body)
   local class = status == 429 and "429" or (math.floor(status / 100) .. "xx")
   statuses[class] = (statuses[class] or 0) + 1
end

function done(summary, latency, requests)
   figures.print("FLOOD", summary, latency)
end
