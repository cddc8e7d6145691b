-- One-row GBDT request (the shape an online caller sends); the key comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("LODESTAR_BENCH_KEY")
if key and #key > 0 then
  wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"rows":[{"f1":0.12,"f2":-0.53,"f3":0.91,"f4":-0.07,"f5":0.33,"f6":-0.88,"f7":0.4,"f8":0.05,"segment":"b"}]}'
