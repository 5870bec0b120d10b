"""Heap bytes per stored item, and the --data-dir heap over a million payments; see capacity.sh."""
import argparse, base64, http.client, json, os, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--pid", type=int, required=True)
p.add_argument("--offset", type=int, default=1000)
p.add_argument("--mode", choices=["items", "million"], default="items")
p.add_argument("--payments", type=int, default=1_000_000)
a = p.parse_args()
CONTROL, VELO, QOLO, TERMINAL = 8080 + a.offset, 8081 + a.offset, 8083 + a.offset, 7501 + a.offset
PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205"
BASIC = "Basic " + base64.b64encode(b"44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529").decode()
JCMD = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jcmd")


def call(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    c.request(method, path, body=None if body is None else body if isinstance(body, (str, bytes)) else json.dumps(body), headers=h)
    r = c.getresponse()
    d = r.read()
    c.close()
    return r.status, d


def live_bytes():
    """The live heap: the old generation right after a full collection (jcmd GC.run), read from the JVM itself."""
    subprocess.run([JCMD, str(a.pid), "GC.run"], stdout=subprocess.DEVNULL, check=True)
    subprocess.run([JCMD, str(a.pid), "GC.run"], stdout=subprocess.DEVNULL, check=True)
    info = subprocess.run([JCMD, str(a.pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    total = 0
    for line in info.splitlines():
        s = line.strip()
        if s.startswith(("def new generation", "tenured generation", "Tenured", "PSYoungGen", "ParOldGen")) and "used" in s:
            total += int(s.split("used")[1].split("K")[0].strip()) * 1024
    return total


def token():
    s, d = call(VELO, "POST", "/v1/authenticate?grant_type=client_credentials", headers={"Authorization": BASIC})
    return {"Authorization": "Bearer " + json.loads(d)["access_token"]}


def payout(auth, n, tag):
    body = {"payorId": PAYOR, "payments": [{"remoteId": "myRemoteId01", "currency": "USD", "amount": 1, "sourceAccountName": "PAYOR_SRC_ACCT",
                                            "payorPaymentId": "%s-%d" % (tag, i)} for i in range(n)]}
    s, d = call(VELO, "POST", "/v3/payouts", body, auth)
    if s != 202:
        raise SystemExit("capacity: payout refused %d %s" % (s, d[:300]))
    return json.loads(d)["payoutId"]


def advance(by):
    call(CONTROL, "POST", "/_sim/clock/advance", {"by": by})


def per_item(label, count, create):
    before = live_bytes()
    t = time.time()
    create()
    took = time.time() - t
    after = live_bytes()
    each = (after - before) / count
    print("%-34s %8d items in %5.1f s: live heap %6.1f -> %6.1f MB, %6.0f bytes each" % (label, count, took, before / 2**20, after / 2**20, each), flush=True)
    return each


if a.mode == "items":
    auth = token()
    results = {}

    def payments_submitted():
        for k in range(10):
            payout(auth, 2000, "sub%d" % k)
    results["payment (submitted)"] = per_item("payment, submitted", 20000, payments_submitted)

    def payments_confirmed():
        ids = [payout(auth, 2000, "conf%d" % k) for k in range(5)]
        advance("PT10S")
        for pid in ids:
            s, d = call(VELO, "POST", "/v3/payouts/" + pid, None, auth)
            if s != 202:
                raise SystemExit("capacity: instruct refused %d %s" % (s, d[:300]))
        for _ in range(6):
            advance("PT1M")
        s, d = call(VELO, "GET", "/v3/payouts/" + ids[-1], None, auth)
        print("  last payout: %s" % json.loads(d).get("status"))
    results["payment (confirmed)"] = per_item("payment, instructed and confirmed", 10000, payments_confirmed)

    def payees():
        for k in range(5):
            batch = {"payorId": PAYOR, "payees": [{"type": "Individual", "remoteId": "cap-%d-%d" % (k, i), "email": "cap-%d-%d@example.com" % (k, i),
                     "address": {"line1": "1 Road", "city": "Austin", "zipOrPostcode": "73301", "country": "US"},
                     "paymentChannel": {"countryCode": "US", "currency": "USD", "accountName": "Capacity", "accountNumber": "12345678",
                                        "routingNumber": "123456789"},
                     "individual": {"name": {"firstName": "Ca", "lastName": "Pa"}, "dateOfBirth": "1990-02-03"}} for i in range(2000)]}
            s, d = call(VELO, "POST", "/v2/payees", batch, auth)
            if s not in (200, 201, 202):
                raise SystemExit("capacity: payees refused %d %s" % (s, d[:300]))
        for _ in range(3):
            advance("PT1M")
    results["payee"] = per_item("payee (batch, processed)", 10000, payees)

    def sales():
        for i in range(2000):
            s, d = call(TERMINAL, "POST", "/", {"requestType": "payment", "transactionType": "sale", "tenderType": "credit", "amount": "12.00"})
            if s != 200:
                raise SystemExit("capacity: sale %d %s" % (s, d[:300]))
    results["terminal transaction"] = per_item("terminal sale (instant customer)", 2000, sales)

    def cards():
        s, d = call(QOLO, "POST", "/api/v1/auth/login", {"loginid": "qolo-bench", "apikey": "qolo-bench-apikey"})
        qolo = {"Authorization": "Bearer " + json.loads(d)["access_token"]}
        for i in range(5000):
            s, d = call(QOLO, "POST", "/api/v1/cards", {"person": {"first_name": "Ca", "last_name": "Pa", "birth_date": "1990-04-01"}},
                        dict(qolo, IdempotencyKey="capacity-%d" % i))
            if s != 201:
                raise SystemExit("capacity: card %d %s" % (s, d[:300]))
    results["qolo card"] = per_item("qolo card (with IdempotencyKey)", 5000, cards)

    s, d = call(CONTROL, "GET", "/_sim/health")
    heap = json.loads(d)["heap"]
    base = live_bytes()
    room = heap["maxBytes"] * heap["limitPercent"] / 100 - base
    print("heap %d MB, writes refused from %d %%, live now %.0f MB: room for about" % (heap["maxBytes"] >> 20, heap["limitPercent"], base / 2**20))
    for k, v in results.items():
        print("  %-24s %10d" % (k, room / v if v > 0 else 0))
else:
    auth = token()
    done = 0
    print("payments  live_heap_MB  rss_MB  seconds", flush=True)
    t = time.time()
    while done < a.payments:
        for k in range(50):
            payout(auth, 2000, "m%d-%d" % (done, k))
        done += 100000
        rss = 0
        with open("/proc/%d/status" % a.pid) as f:
            for line in f:
                if line.startswith("VmRSS"):
                    rss = int(line.split()[1]) // 1024
        print("%8d  %12.1f  %6d  %7.0f" % (done, live_bytes() / 2**20, rss, time.time() - t), flush=True)
