"""The soak workload and its samples; see soak.sh."""
import argparse, base64, datetime, hashlib, hmac, http.client, json, multiprocessing, os, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--pid", type=int, required=True)
p.add_argument("--offset", type=int, default=1000)
p.add_argument("--duration", type=int, default=120)
p.add_argument("--sample", type=int, default=10)
p.add_argument("--writes", type=int, default=0, help="1: also create payouts, fundings and payees (stored data grows)")
p.add_argument("--mixed", type=int, default=0, help="1: every provider's reads and writes (Cloud sales, Qolo cards with idempotency keys, Vendreo payments)")
p.add_argument("--calibrate", type=int, default=0, help="seconds unpaced first; then paced at --fraction of the rate measured")
p.add_argument("--fraction", type=float, default=0.5)
p.add_argument("--reset-every", type=int, default=0, help="seconds between POST /_sim/reset, as a suite's test classes do (0: never)")
p.add_argument("--plot", default="", help="a PNG to draw the samples into (gnuplot)")
a = p.parse_args()
CONTROL, VELO, TERMINAL = 8080 + a.offset, 8081 + a.offset, 7501 + a.offset
VENDREO, QOLO, CLOUD = 8082 + a.offset, 8083 + a.offset, 8084 + a.offset
PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205"
BASIC = "Basic " + base64.b64encode(b"44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529").decode()
stop = time.time() + a.calibrate + a.duration
# the workers are processes (one Python process cannot load the server enough), sharing these counters
mp = multiprocessing.get_context("fork")
lock = mp.Lock()
requests, errors5xx = mp.Value("q", 0, lock=False), mp.Value("q", 0, lock=False)
interval, next_slot = mp.Value("d", 0.0, lock=False), mp.Value("d", 0.0, lock=False)  # pacing across all workers once calibrated


def paced():
    with lock:
        if interval.value <= 0:
            return
        now = time.time()
        slot = max(next_slot.value, now)
        next_slot.value = slot + interval.value
    if slot > now:
        time.sleep(slot - now)


def call(port, method, path, body=None, headers=None, conn=None):
    paced()
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    c.request(method, path, body=None if body is None else json.dumps(body) if not isinstance(body, (str, bytes)) else body, headers=h)
    r = c.getresponse()
    data = r.read()
    with lock:
        requests.value += 1
        if r.status >= 500:
            errors5xx.value += 1
    return r.status, data


def token(conn):
    while True:  # a reset empties and seeds the tables again: its key may be missing for a moment (401)
        s, d = call(VELO, "POST", "/v1/authenticate?grant_type=client_credentials", headers={"Authorization": BASIC}, conn=conn)
        if s == 200:
            return json.loads(d)["access_token"]
        time.sleep(0.05)


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


def cloud_worker():
    conn = http.client.HTTPConnection("127.0.0.1", CLOUD, timeout=30)
    body = json.dumps({"requestType": "payment", "actionType": "process", "transactionType": "sale", "amount": "10.00", "cardHolder": "Soak",
                       "cardNumber": "4111111111111111", "cardExpDate": "1299", "cvv": "123",
                       "addressBilling": {"name": "Soak", "street": "1 Road", "city": "Austin", "state": "TX", "zipcode": "73301", "country": "US"}})
    while time.time() < stop:
        s, d = call(CONTROL, "GET", "/_sim/clock")
        ts = str(int(datetime.datetime.fromisoformat(json.loads(d)["now"].replace("Z", "+00:00")).timestamp()))
        sig = hmac.new(b"your-api-secret", (ts + body).encode(), hashlib.sha256).hexdigest()
        for _ in range(5):
            call(CLOUD, "POST", "/v1/", body, {"X-API-Key": "your-api-key", "X-Timestamp": ts, "X-Signature": sig}, conn)
        call(CLOUD, "POST", "/v1/", body, {"X-API-Key": "your-api-key", "X-Timestamp": ts, "X-Signature": "0" * 64}, conn)  # a 401


def qolo_worker(n):
    conn = http.client.HTTPConnection("127.0.0.1", QOLO, timeout=30)
    i = 0
    while time.time() < stop:
        s, d = call(QOLO, "POST", "/api/v1/auth/login", {"loginid": "qolo-demo", "apikey": "qolo-demo-apikey"}, conn=conn)
        if s != 200:
            time.sleep(0.1)
            continue
        auth = {"Authorization": "Bearer " + json.loads(d)["access_token"]}
        for _ in range(5):
            key = {"IdempotencyKey": "soak-%d-%d" % (n, i)}
            key.update(auth)
            body = {"person": {"first_name": "So", "last_name": "Ak %d" % i, "birth_date": "1990-04-01"}}
            call(QOLO, "POST", "/api/v1/cards", body, key, conn)
            call(QOLO, "POST", "/api/v1/cards", body, key, conn)  # the retry: answered from the idempotency store
            call(QOLO, "GET", "/api/v1/programs/5e0c1a2b-0000-4000-8000-00000000q001/balances", None, auth, conn)
            i += 1


def vendreo_worker():
    conn = http.client.HTTPConnection("127.0.0.1", VENDREO, timeout=30)
    auth = {"Authorization": "Bearer vendreo-secret-key"}
    while time.time() < stop:
        s, d = call(VENDREO, "POST", "/v1/request-payment", {"application_key": "19899181-5f37-4282-90d1-683e69cf3d05", "amount": 1999,
                    "payment_type": "SINGLE", "redirect_url": "https://shop.example/done"}, auth, conn)
        if s == 200:
            uuid = json.loads(d)["redirect_url"].split("/payment/")[1].split("?")[0].split("/")[0]
            for _ in range(3):
                call(VENDREO, "GET", "/v1/payment/" + uuid, None, auth, conn)


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
    qolo = j["providers"].get("qolo", {})
    return {"rss_mb": rss, "live_mb": live_kb // 1024, "committed_mb": j["heap"]["committedBytes"] // (1 << 20), "journal": j["journal"]["entries"],
            "webhooks": j["webhooks"]["deliveries"], "sched": j["scheduler"]["pending"], "stored": j["scheduler"]["stored"],
            "tokens": j["providers"]["velo"].get("accessTokens", 0) + qolo.get("tokens", 0), "idem": qolo.get("idempotencyKeys", 0),
            "termlog": j["providers"]["terminals"].get("requestLogEntries", 0)}


# a rule webhook to a subscriber that never answers, so the webhook log fills and retries pile up; a clock
# that moves (system clock) lets tokens expire and steps run
status, answer = call(CONTROL, "POST", "/_sim/scenarios", "version: 1\nname: soak\nsettings: {delays: {veloPayoutValidationDelay: PT0.01S, "
     "veloPaymentStepDelay: PT0.01S, veloFundingDelay: PT0.01S, veloPayeeBatchDelay: PT0.01S, veloOfacCheckDelay: PT0.01S}}\n"
     "rules:\n  - match: {provider: velo, method: GET, path: '/v1/payors/{id}'}\n"
     "    effect: {webhook: {url: 'http://127.0.0.1:9/dead', body: {id: '{{uuid}}'}}}\n", {"Content-Type": "application/yaml"})
if status != 201:
    raise SystemExit("soak: the soak scenario was refused: %s" % answer.decode())
threads = [mp.Process(target=velo_worker, args=(n,)) for n in range(3)] + [mp.Process(target=terminal_worker)]
if a.mixed:
    threads += [mp.Process(target=cloud_worker), mp.Process(target=vendreo_worker)] + \
               [mp.Process(target=qolo_worker, args=(n,)) for n in range(2)]
for t in threads:
    t.start()
if a.calibrate:
    time.sleep(a.calibrate)
    with lock:
        rate = requests.value / a.calibrate
        interval.value = 1.0 / (rate * a.fraction)
        next_slot.value = time.time()
        requests.value = 0
    print("calibration: %.0f requests/s unpaced over %d s; paced at %.0f requests/s from now on" % (rate, a.calibrate, rate * a.fraction), flush=True)
samples = []
start = time.time()
last_reset = start
while time.time() < stop:
    time.sleep(a.sample)
    s = stats()  # before the clock moves: each sample sees one interval's worth of tokens and retries
    # move the virtual clock an hour per sample so tokens (30 min) expire and retries fall due, as hours of use would
    call(CONTROL, "POST", "/_sim/clock/advance", {"by": "PT1H"})
    if a.reset_every and time.time() - last_reset >= a.reset_every:
        call(CONTROL, "POST", "/_sim/reset")  # as a suite's next test class does: stored data starts again
        last_reset = time.time()
    s["t_s"] = int(time.time() - start)
    s["req"] = requests.value
    samples.append(s)
    print(" ".join("%s=%s" % (k, v) for k, v in s.items()), flush=True)
for t in threads:
    t.join()
print("requests: %d, 5xx: %d" % (requests.value, errors5xx.value))
n = len(samples)
if n >= 3:
    mid, last = samples[n // 3: 2 * n // 3], samples[2 * n // 3:]
    for k in ("rss_mb", "committed_mb", "live_mb", "journal", "webhooks", "sched", "stored", "tokens", "idem", "termlog"):
        m, l = max(x[k] for x in mid), max(x[k] for x in last)
        verdict = "flat" if l <= m * 1.10 + 5 else ("grows with the stored data (--writes 1)" if a.writes and k in ("rss_mb", "committed_mb", "live_mb") else "GROWING")
        print("%-8s middle third max %8s, last third max %8s: %s" % (k, m, l, verdict))

if a.plot and samples:
    data = os.path.splitext(a.plot)[0] + ".tsv"
    cols = ["t_s", "rss_mb", "live_mb", "committed_mb", "journal", "webhooks", "sched", "stored", "tokens", "idem", "termlog"]
    with open(data, "w") as f:
        f.write("\t".join(cols) + "\n")
        for x in samples:
            f.write("\t".join(str(x[c]) for c in cols) + "\n")
    script = """set terminal pngcairo size 1200,900
set output '%s'
set multiplot layout 2,1 title 'Standin soak: %d s, %.0f requests/s'
set key outside right
set xlabel 'seconds'
set ylabel 'MB'
set yrange [0:*]
plot '%s' using 1:2 with lines title 'RSS', '' using 1:3 with lines title 'live heap (after full GC)', '' using 1:4 with lines title 'committed heap'
set ylabel 'entries'
set logscale y
set yrange [1:*]
plot '%s' using 1:($5+1) with lines title 'journal', '' using 1:($6+1) with lines title 'webhook log', '' using 1:($7+1) with lines title 'scheduler queue', \\
     '' using 1:($8+1) with lines title 'stored steps', '' using 1:($9+1) with lines title 'access tokens', '' using 1:($10+1) with lines title 'idempotency keys', \\
     '' using 1:($11+1) with lines title 'terminal request log'
unset multiplot
""" % (a.plot, a.duration, requests.value / max(1, samples[-1]["t_s"]), data, data)
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
        print("plot: %s (data %s)" % (a.plot, data))
    except (OSError, subprocess.CalledProcessError) as e:
        print("plot: gnuplot failed (%s); the samples are in %s" % (e, data))
