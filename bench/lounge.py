#!/usr/bin/env python3
"""Lounge benchmark (issue 12), through the JSON API of a running server.

Run by bench/lounge.sh, which builds the release binary, starts a server on a
fresh database with a synthetic directory and passes BASE and TOKEN (an
admin's write token). Three parts:

1. A simulated year of weekly lounges: 73 projects in three cohorts (13, 32,
   28 as the Modellprojekte Smart Cities), each present with probability 0.5,
   rooms of 3, one round an evening. Knotenpunkt draws through the API; a
   random shuffle (rooms of the same sizes, as the video tools do it) is
   counted on the same people side by side.
2. A half year with two rounds an evening, the same comparison, plus the
   fewest repeats any plan with those room sizes could have: every pair
   meeting beyond the pairs that were ever present together is a repeat.
3. The time of one draw (POST …/lounge/rounds, measured at the client) for
   200 participants after three years of weekly history.

Prints Markdown tables; standard library only.
"""

import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import time
import urllib.parse

BASE = os.environ["BASE"]
TOKEN = os.environ["TOKEN"]
SEED = int(os.environ.get("SEED", "12"))
url = urllib.parse.urlparse(BASE)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def call(method, path, body=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=headers)
    r = conn.getresponse()
    text = r.read()
    if r.status not in expect:
        sys.exit(f"{method} {path} answered {r.status}: {text[:500]!r}")
    return json.loads(text) if text else None


def wednesdays(start, n):
    d = dt.date.fromisoformat(start)
    while d.weekday() != 2:
        d += dt.timedelta(days=1)
    return [(d + dt.timedelta(weeks=i)).isoformat() for i in range(n)]


def make_series(slug, network, start_date, rounds):
    call("POST", "/api/v1/series", {
        "slug": slug, "network": network, "title": f"Lounge {slug}",
        "rule": "FREQ=WEEKLY;BYDAY=WE", "start": f"{start_date}T17:30",
        "duration_minutes": 90, "holidays": "keep",
    })
    call("PUT", f"/api/v1/series/{slug}/lounge",
         {"room_size": 3, "rounds": rounds, "round_minutes": 20, "mix": "cohorts"})


def even_sizes(n, k=3):
    """Room sizes as the engine makes them: as even as possible, near k."""
    best = None
    for r in range(1, n // 2 + 1):
        q, rem = divmod(n, r)
        big = q + (rem > 0)
        dev = lambda s: abs(s - k)
        max_dev = max(dev(q), dev(big))
        sum_dev = (r - rem) * dev(q) + rem * dev(big)
        at_k = (r - rem if q == k else 0) + (rem if big == k and rem else 0)
        key = (max_dev, sum_dev, -at_k, -r)
        if best is None or key < best[0]:
            best = (key, r)
    r = best[1]
    q, rem = divmod(n, r)
    return [q + (i < rem) for i in range(r)]


class Tally:
    def __init__(self, cohort):
        self.cohort = cohort
        self.count = {}
        self.repeats = 0
        self.unmixed = 0
        self.rooms = 0

    def add(self, rooms):
        for room in rooms:
            orgs = sorted(set(room))
            self.rooms += 1
            if len({self.cohort[o] for o in orgs}) == 1:
                self.unmixed += 1
            for i, a in enumerate(orgs):
                for b in orgs[i + 1:]:
                    c = self.count.get((a, b), 0)
                    if c:
                        self.repeats += 1
                    self.count[(a, b)] = c + 1

    def meetings(self):
        return sum(self.count.values())


def simulate(series, network, orgs, cohort, dates, rounds, rng):
    """Draws every evening through the API; returns the tallies of
    Knotenpunkt and of a random shuffle, and the lower bound."""
    ours, shuffle = Tally(cohort), Tally(cohort)
    partners = {o: set() for o in orgs}  # who was ever present with o
    least = {o: 0 for o in orgs}  # o's fewest possible meetings so far
    times = []
    for date in dates:
        present = [o for o in orgs if rng.random() < 0.5]
        ids = {}
        for o in present:
            ids[call("POST", f"/api/v1/series/{series}/meetings/{date}/lounge/checkins",
                     {"organization": o, "name": f"Person {o}"})["id"]] = o
        for o in present:
            partners[o].update(x for x in present if x != o)
        for n in range(1, rounds + 1):
            t0 = time.perf_counter()
            call("POST", f"/api/v1/series/{series}/meetings/{date}/lounge/rounds", {"round": n})
            times.append(time.perf_counter() - t0)
        evening = call("GET", f"/api/v1/series/{series}/meetings/{date}/lounge")
        org_of = {c["id"]: c["organization"] for c in evening["checkins"]}
        for r in evening["rounds"]:
            rooms = [[org_of[k] for k in room["members"]] for room in r["rooms"]]
            ours.add(rooms)
            sizes = [len(x) for x in rooms]
            for o in present:
                least[o] += min(sizes) - 1
            people = present[:]
            rng_shuffle = random.Random(f"{date}/{r['number']}")
            rng_shuffle.shuffle(people)
            cut, out = 0, []
            for s in sizes:
                out.append(people[cut:cut + s])
                cut += s
            shuffle.add(out)
    # Any plan with rooms of these sizes: o meets at least `least[o]` times
    # but has only len(partners[o]) different partners, so the rest are
    # repeats; each repeat is counted from both sides.
    bound = (sum(max(0, least[o] - len(partners[o])) for o in orgs) + 1) // 2
    return ours, shuffle, bound, times


def table(rows):
    print("| plan | repeat encounters | pairs met | rooms without cohort mix | rooms |")
    print("|---|---|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {t.repeats} | {len(t.count)} | {t.unmixed} | {t.rooms} |")


def main():
    rng = random.Random(SEED)
    orgs = json.loads(os.environ["ORGS"])  # slug → cohort
    names = sorted(orgs)

    print(f"## A year of weekly lounges (73 projects, presence 0.5, rooms of 3, one round; seed {SEED})\n")
    dates = wednesdays("2024-01-01", 52)
    make_series("jahr", "bench-jahr", dates[0], 1)
    ours, shuffle, _, times = simulate("jahr", "bench-jahr", names, orgs, dates, 1, rng)
    table([("Knotenpunkt", ours), ("random shuffle", shuffle)])
    ratio = ours.repeats / shuffle.repeats if shuffle.repeats else 0
    print(f"\nrepeats Knotenpunkt ÷ random shuffle: {ratio:.4f} (aim ≤ 0.01)")
    print(f"draw time over the year: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms\n")

    print(f"## A half year with two rounds an evening (seed {SEED})\n")
    dates = wednesdays("2025-07-01", 26)
    make_series("halbjahr", "bench-halbjahr", dates[0], 2)
    ours, shuffle, bound, times = simulate("halbjahr", "bench-halbjahr", names, orgs, dates, 2, rng)
    table([("Knotenpunkt", ours), ("random shuffle", shuffle)])
    print(f"\nfewest repeats any plan with these rooms could have: ≥ {bound}")
    print(f"draw time: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms\n")

    big = json.loads(os.environ["BIG_ORGS"])
    big_network = "bench-gross"
    print("## One draw for 200 participants after three years of weekly history\n")
    dates = wednesdays("2022-01-01", 156 + 5)
    make_series("drei-jahre", big_network, dates[0], 1)
    started = time.perf_counter()
    _, _, _, _ = simulate("drei-jahre", big_network, sorted(big), big, dates[:156], 1, rng)
    print(f"history: 156 evenings drawn through the API in {time.perf_counter() - started:.0f} s")
    times = []
    for date in dates[156:]:
        for o in sorted(big):
            call("POST", f"/api/v1/series/drei-jahre/meetings/{date}/lounge/checkins",
                 {"organization": o, "name": f"Person {o}"})
        t0 = time.perf_counter()
        call("POST", f"/api/v1/series/drei-jahre/meetings/{date}/lounge/rounds", {"round": 1})
        times.append(time.perf_counter() - t0)
        evening = call("GET", f"/api/v1/series/drei-jahre/meetings/{date}/lounge")
        seated = sum(len(room["members"]) for room in evening["rounds"][0]["rooms"])
        assert seated == 200, seated
    print("| evening | participants | draw (request, client side) |\n|---|---|---|")
    for date, t in zip(dates[156:], times):
        print(f"| {date} | 200 | {t * 1000:.0f} ms |")
    print(f"\nmedian {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (aim < 200 ms)")


if __name__ == "__main__":
    main()
