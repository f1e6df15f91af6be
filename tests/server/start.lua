-- Starts tests/server/httpd.c (built by `make test` / `make bench` into
-- $TRIALCITE_TEST_HTTPD) on 127.0.0.1 with a time limit; srv:stop() ends it.
local M = {}

function M.start(max_seconds)
  local bin = os.getenv("TRIALCITE_TEST_HTTPD")
  local f = bin and io.open(bin, "rb")
  if not f then return nil, "test server not built (TRIALCITE_TEST_HTTPD unset or missing; run via make)" end
  f:close()
  local fixtures = os.getenv("TRIALCITE_TEST_FIXTURES") or "tests/server/fixtures"
  local p = io.popen(string.format("exec '%s' --fixtures '%s' --max-seconds %d", bin, fixtures, max_seconds or 60))
  local line = p:read("l") or ""
  local port, pid = line:match("^(%d+) (%d+)$")
  if not port then p:close(); return nil, "test server did not start: " .. line end
  local srv = { url = "http://127.0.0.1:" .. port, port = tonumber(port), pid = pid, p = p }
  function srv.stop(self)
    if self.p then
      os.execute("kill " .. self.pid .. " 2>/dev/null")
      self.p:close()
      self.p = nil
    end
  end
  return srv
end

return M
