"""2,000 registrations for an event with 100 seats, through HTTP (issue 14),
in two ways: arriving at a steady rate within a few seconds (RATE per second,
open loop: latency counts from the moment a registration was due, so a queue
shows), and as fast as 100 clients can send them (closed loop: the server's
ceiling). Each time checks that exactly 100 are seated and 1,900 wait in the
order they arrived, with none lost or doubled, and prints the latency.
Driven by bench/registrations.sh."""
import http.client
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

BASE = urlparse(os.environ["BASE"])
TOKEN = os.environ["TOKEN"]
REGISTRATIONS = int(os.environ.get("REGISTRATIONS", "2000"))
SEATS = int(os.environ.get("SEATS", "100"))
CLIENTS = int(os.environ.get("CLIENTS", "100"))
RATE = float(os.environ.get("RATE", "500"))
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
local = threading.local()


def conn():
    if not hasattr(local, "c"):
        local.c = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
    return local.c


def call(method, path, body=None):
    c = conn()
    c.request(method, path, body=None if body is None else json.dumps(body), headers=HEADERS)
    r = c.getresponse()
    data = r.read()
    return r.status, (json.loads(data) if data else None)


def new_event():
    status, made = call("POST", "/api/v1/networks/bench-netz/events", {
        "network": "bench-netz", "title": "Benchmark-Workshop", "capacity": SEATS,
        "starts_at": "2099-03-04T09:30:00+01:00", "ends_at": "2099-03-04T16:00:00+01:00",
        "registration": "public"})
    assert status == 201, (status, made)
    return made["id"]


def run(label, open_loop):
    event = new_event()

    def register(i):
        due = start + i / RATE if open_loop else time.perf_counter()
        if open_loop:
            time.sleep(max(0.0, due - time.perf_counter()))
        status, body = call("POST", f"/api/v1/events/{event}/registrations",
                            {"name": f"Person {i}", "email": f"person{i}@bench.example"})
        return i, status, body, (time.perf_counter() - due) * 1000

    start = time.perf_counter() + 0.2
    workers = 400 if open_loop else CLIENTS
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(register, range(REGISTRATIONS)))
    elapsed = time.perf_counter() - start

    failed = [(i, s, b) for i, s, b, _ in results if s != 201]
    assert not failed, failed[:5]
    status, view = call("GET", f"/api/v1/events/{event}")
    assert status == 200, status
    regs = view["registrations"]
    emails = [r["email"] for r in regs]
    # none lost, none doubled
    assert len(regs) == REGISTRATIONS, len(regs)
    assert len(set(emails)) == REGISTRATIONS
    assert sorted(emails) == sorted(f"person{i}@bench.example" for i in range(REGISTRATIONS))
    # the seats went to the first arrivals, the rest wait in arrival order
    statuses = [r["status"] for r in regs]
    assert statuses[:SEATS] == ["seated"] * SEATS, statuses[:SEATS]
    assert statuses[SEATS:] == ["waiting"] * (REGISTRATIONS - SEATS)
    assert [r.get("position") for r in regs[SEATS:]] == list(range(1, REGISTRATIONS - SEATS + 1))
    assert (view["seated"], view["waiting"]) == (SEATS, REGISTRATIONS - SEATS)
    # every caller was told what the list says
    told = {b["id"]: (b["status"], b.get("position")) for _, _, b, _ in results}
    assert all(told[r["id"]] == (r["status"], r.get("position")) for r in regs)

    lat = sorted(ms for *_, ms in results)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    print(f"| {label} | {elapsed:.2f} s ({REGISTRATIONS / elapsed:.0f}/s) | {q(0.5):.1f} ms | "
          f"{q(0.99):.1f} ms | {lat[-1]:.1f} ms | {view['seated']} seated, {view['waiting']} waiting "
          f"in arrival order, none lost or doubled |")


run(f"{REGISTRATIONS} arriving within {REGISTRATIONS / RATE:.0f} s ({RATE:.0f}/s), {SEATS} seats", True)
run(f"{REGISTRATIONS} from {CLIENTS} clients as fast as they can, {SEATS} seats", False)
