-- Appended to percentiles.lua when a target rotates among several paths
-- (the search queries): each request takes the next path given after `--`,
-- so no single cached answer stands for all of them. With `--unique` as the
-- first argument each request's URL is also one the server has never seen
-- (`&seen=<thread>-<n>` appended), so no page cache can answer it: what is
-- measured is the search itself. wrk.format keeps the headers given with -H.
local paths, counter, unique, serial = {}, 0, false, 0
local lanes = 0

setup = function(thread)
  lanes = lanes + 1
  thread:set("lane", lanes)
end

init = function(args)
  local first = 1
  if args[1] == "--unique" then unique, first = true, 2 end
  for i = first, #args do paths[#paths + 1] = args[i] end
  -- the threads start at different places in the list
  counter = ((lane or 1) * 3) % #paths
end

request = function()
  counter = counter % #paths + 1
  local path = paths[counter]
  if unique then
    serial = serial + 1
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "seen=" .. (lane or 0) .. "-" .. serial
  end
  return wrk.format(nil, path)
end
