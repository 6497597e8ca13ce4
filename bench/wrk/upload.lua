-- POST /api/v1/documents/: a new version of a photo, KTP or ijazah (multipart, JPEG).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local kinds = {"ktp", "photo", "ijazah"}
init = function(args)
  bench_init()
  bodies = {}
  local boundary = "benchboundary7d2f"
  for _, kind in ipairs(kinds) do
    local f = assert(io.open(os.getenv("BENCH_UPLOAD_DIR") .. "/" .. kind .. ".jpg", "rb"))
    local image = f:read("*a")
    f:close()
    bodies[kind] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
      .. kind .. "\r\n--" .. boundary
      .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" .. kind .. ".jpg\""
      .. "\r\nContent-Type: image/jpeg\r\n\r\n" .. image .. "\r\n--" .. boundary .. "--\r\n"
  end
  content_type = "multipart/form-data; boundary=" .. boundary
  n = 0
end
request = function()
  n = n + 1
  local kind = kinds[n % 3 + 1]
  return wrk.format("POST", "/api/v1/documents/", {
    ["Authorization"] = "Bearer " .. take_token(),
    ["Content-Type"] = content_type,
  }, bodies[kind])
end
