#!/usr/bin/env python3
"""Where a JDK Flight Recorder recording's CPU samples went: the methods with the most samples on the
stack (inclusive) and on top of it (self), from jdk.ExecutionSample events (bench/providers.sh with
BENCH_JFR records one per path).

    bench/hot.py FILE.jfr [--focus SUBSTRING] [--below FRAME] [--top N]

--below FRAME counts only what runs under the frame (the samples without it are left out).
--focus keeps only the samples whose stack has a frame containing SUBSTRING (e.g. JavalinServlet.service:
the request handling, leaving out wrk's neighbours, the JIT and the collector, which JFR does not sample).
"""
import argparse, collections, json, os, subprocess, sys

def frames(event):
    for f in event["values"]["stackTrace"]["frames"]:
        m = f["method"]
        yield m["type"]["name"].rsplit(".", 1)[-1] + "." + m["name"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--focus")
    ap.add_argument("--below", help="count only the frames called under the first frame containing this")
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args()
    jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", a.file],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    total, inclusive, self_ = 0, collections.Counter(), collections.Counter()
    for e in events:
        stack = list(frames(e))
        if a.focus and not any(a.focus in f for f in stack):
            continue
        if a.below:
            at = next((i for i, f in enumerate(stack) if a.below in f), None)
            if at is None:
                continue
            stack = stack[:at + 1]
        total += 1
        if stack:
            self_[stack[0]] += 1
        for f in set(stack):
            inclusive[f] += 1
    if not total:
        sys.exit("no samples" + (f" with a frame containing {a.focus}" if a.focus else ""))
    print(f"{total} samples ({len(events)} in the file)")
    for title, counter in (("inclusive", inclusive), ("self", self_)):
        print(f"\n== {title}")
        for name, n in counter.most_common(a.top):
            print(f"{100 * n / total:6.1f}%  {name}")

if __name__ == "__main__":
    main()
