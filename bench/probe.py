#!/usr/bin/env python3
"""Latency probe for `./cyclades bench`: GET a URL at a steady rate over one keep-alive
connection (a monitoring check, not a load) and print p50, p99 and max in milliseconds.

Usage: probe.py URL SECONDS RATE_PER_SECOND"""
import http.client
import sys
import time
from urllib.parse import urlsplit

url, seconds, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
parts = urlsplit(url)
conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
samples = []
start = time.monotonic()
tick = start
while time.monotonic() - start < seconds:
    t0 = time.monotonic()
    conn.request("GET", parts.path or "/")
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{url} answered {response.status}")
    samples.append((time.monotonic() - t0) * 1000)
    tick += 1 / rate
    time.sleep(max(0.0, tick - time.monotonic()))
samples.sort()
pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
print(f"p50 {pick(0.50):.2f} ms, p99 {pick(0.99):.2f} ms, max {samples[-1]:.2f} ms ({len(samples)} requests)")
