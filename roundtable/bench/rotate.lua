-- Appended to percentiles.lua when a target rotates among several paths
-- (the search queries): each request takes the next path given after `--`,
-- so no single cached answer stands for all of them. wrk.format keeps the
-- headers given with -H (e.g. If-None-Match).
local paths, counter = {}, 0

init = function(args)
  for i, path in ipairs(args) do paths[i] = path end
  -- the threads start at different places in the list
  counter = math.random(#paths) - 1
end

request = function()
  counter = counter % #paths + 1
  return wrk.format(nil, paths[counter])
end
