"""The soak workload and its samples; see soak.sh."""
import argparse, base64, http.client, json, os, subprocess, threading, time

p = argparse.ArgumentParser()
p.add_argument("--pid", type=int, required=True)
p.add_argument("--offset", type=int, default=1000)
p.add_argument("--duration", type=int, default=120)
p.add_argument("--sample", type=int, default=10)
p.add_argument("--writes", type=int, default=0, help="1: also create payouts, fundings and payees (stored data grows)")
a = p.parse_args()
CONTROL, VELO, TERMINAL = 8080 + a.offset, 8081 + a.offset, 7501 + a.offset
PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205"
BASIC = "Basic " + base64.b64encode(b"44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529").decode()
stop = time.time() + a.duration
counts = {"requests": 0, "errors5xx": 0}
lock = threading.Lock()


def call(port, method, path, body=None, headers=None, conn=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    c.request(method, path, body=None if body is None else json.dumps(body) if not isinstance(body, (str, bytes)) else body, headers=h)
    r = c.getresponse()
    data = r.read()
    with lock:
        counts["requests"] += 1
        if r.status >= 500:
            counts["errors5xx"] += 1
    return r.status, data


def token(conn):
    s, d = call(VELO, "POST", "/v1/authenticate?grant_type=client_credentials", headers={"Authorization": BASIC}, conn=conn)
    return json.loads(d)["access_token"]


def velo_worker(n):
    conn = http.client.HTTPConnection("127.0.0.1", VELO, timeout=30)
    i = 0
    while time.time() < stop:
        t = token(conn)  # a new token every round: the token store must drop expired ones
        auth = {"Authorization": "Bearer " + t}
        call(VELO, "GET", "/v1/payors/" + PAYOR, None, auth, conn)  # a rule webhook fires on every one
        call(VELO, "GET", "/v1/payees?pageSize=5", None, auth, conn)
        call(VELO, "POST", "/v3/payouts", {"payorId": PAYOR, "payments": []}, auth, conn)  # a 400: nothing stored
        call(VELO, "GET", "/v1/payors/" + PAYOR, None, {"Authorization": "Bearer wrong"}, conn)  # a 401
        if a.writes:
            s, d = call(VELO, "POST", "/v3/payouts", {"payorId": PAYOR, "payments": [
                {"remoteId": "myRemoteId01", "currency": "USD", "amount": 1, "sourceAccountName": "USD_Velo",
                 "payorPaymentId": "soak-%d-%d" % (n, i)}]}, auth, conn)
            payout = json.loads(d).get("payoutId") if s == 202 else None
            call(VELO, "POST", "/v1/sourceAccounts/5a0c0002-0000-4000-8000-000000000002/achFundingRequest", {"amount": 1}, auth, conn)
            if i % 10 == 0:
                call(VELO, "POST", "/v2/payees", {"payorId": PAYOR, "payees": [{"type": "Individual", "remoteId": "soak-%d-%d" % (n, i),
                      "email": "soak-%d-%d@example.com" % (n, i), "address": {"line1": "1 Road", "city": "Austin", "zipOrPostcode": "73301",
                      "country": "US"}, "paymentChannel": {"countryCode": "US", "currency": "USD", "accountName": "Soak",
                      "accountNumber": "12345678", "routingNumber": "123456789"},
                      "individual": {"name": {"firstName": "So", "lastName": "Ak"}, "dateOfBirth": "1990-02-03"}}]}, auth, conn)
            if payout:
                time.sleep(0.05)
                call(VELO, "POST", "/v3/payouts/" + payout, None, auth, conn)
        i += 1


def terminal_worker():
    conn = http.client.HTTPConnection("127.0.0.1", TERMINAL, timeout=30)
    while time.time() < stop:
        call(TERMINAL, "POST", "/", {"requestType": "device", "resourceType": "info"}, conn=conn)
        call(TERMINAL, "POST", "/", {"requestType": "payment", "transactionType": "capture", "referenceNumber": "none"}, conn=conn)


def stats():
    # a full collection first (jcmd GC.run): the old generation then holds the live set (eden fills again at once)
    jcmd = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jcmd")
    subprocess.run([jcmd, str(a.pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    # read the old generation at once, from the JVM itself (the workload keeps promoting while an HTTP call is made)
    info = subprocess.run([jcmd, str(a.pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    live_kb = 0
    for line in info.splitlines():
        if line.strip().startswith(("Tenured", "ParOldGen", "PSOldGen")) or " region" in line and "used" in line:
            live_kb = int(line.split("used")[1].split("K")[0].strip())
            break
    s, d = call(CONTROL, "GET", "/_sim/stats")
    j = json.loads(d)
    rss = 0
    with open("/proc/%d/status" % a.pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                rss = int(line.split()[1]) // 1024
    return {"rss_mb": rss, "live_mb": live_kb // 1024, "committed_mb": j["heap"]["committedBytes"] // (1 << 20), "journal": j["journal"]["entries"],
            "webhooks": j["webhooks"]["deliveries"], "sched": j["scheduler"]["pending"], "stored": j["scheduler"]["stored"],
            "tokens": j["providers"]["velo"].get("accessTokens", 0), "termlog": j["providers"]["terminals"].get("requestLogEntries", 0)}


# a rule webhook to a subscriber that never answers, so the webhook log fills and retries pile up; a clock
# that moves (system clock) lets tokens expire and steps run
status, answer = call(CONTROL, "POST", "/_sim/scenarios", "version: 1\nname: soak\nsettings: {delays: {veloPayoutValidationDelay: PT0.01S, "
     "veloPaymentStepDelay: PT0.01S, veloFundingDelay: PT0.01S, veloPayeeBatchDelay: PT0.01S, veloOfacCheckDelay: PT0.01S}}\n"
     "rules:\n  - match: {provider: velo, method: GET, path: '/v1/payors/{id}'}\n"
     "    effect: {webhook: {url: 'http://127.0.0.1:9/dead', body: {id: '{{uuid}}'}}}\n", {"Content-Type": "application/yaml"})
if status != 201:
    raise SystemExit("soak: the soak scenario was refused: %s" % answer.decode())
threads = [threading.Thread(target=velo_worker, args=(n,)) for n in range(3)] + [threading.Thread(target=terminal_worker)]
for t in threads:
    t.start()
samples = []
start = time.time()
while time.time() < stop:
    time.sleep(a.sample)
    s = stats()  # before the clock moves: each sample sees one interval's worth of tokens and retries
    # move the virtual clock an hour per sample so tokens (30 min) expire and retries fall due, as hours of use would
    call(CONTROL, "POST", "/_sim/clock/advance", {"by": "PT1H"})
    s["t_s"] = int(time.time() - start)
    s["req"] = counts["requests"]
    samples.append(s)
    print(" ".join("%s=%s" % (k, v) for k, v in s.items()), flush=True)
for t in threads:
    t.join()
print("requests: %d, 5xx: %d" % (counts["requests"], counts["errors5xx"]))
n = len(samples)
if n >= 3:
    mid, last = samples[n // 3: 2 * n // 3], samples[2 * n // 3:]
    for k in ("rss_mb", "committed_mb", "live_mb", "journal", "webhooks", "sched", "stored", "tokens", "termlog"):
        m, l = max(x[k] for x in mid), max(x[k] for x in last)
        verdict = "flat" if l <= m * 1.10 + 5 else ("grows with the stored data (--writes 1)" if a.writes and k in ("rss_mb", "committed_mb", "live_mb") else "GROWING")
        print("%-8s middle third max %8s, last third max %8s: %s" % (k, m, l, verdict))
