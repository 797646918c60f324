#!/usr/bin/env python3
"""Count the records that pipeline.yaml sends to each stream, computed from the data alone.

This is an independent second implementation of the example's rules, kept apart from the Java
components on purpose: an end-to-end run of the application should report the same numbers.

Usage: python3 expected_routes.py [FILE.jsonl]   (default: ../data/orders.jsonl)
"""

import json
import pathlib
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "orders.jsonl"

# The attempts of the retry node around charge-payment, the first included.
PAYMENT_ATTEMPTS = 3


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def payment_fails(order):
    """Return whether charge-payment fails on every attempt, because it fails while the attempt is at most fail_attempts."""
    fail_attempts = order.get("fail_attempts")
    return is_number(fail_attempts) and int(fail_attempts) >= PAYMENT_ATTEMPTS


def routes(order):
    """Return the streams one order is sent to, in order, or ["dead-letter"] when validation fails."""
    order_id = order.get("id")
    total = order.get("total")
    if order_id is None or not str(order_id).strip():
        return ["dead-letter"]
    if not is_number(total) or total <= 0:
        return ["dead-letter"]

    streams = ["audit"]
    amount = Decimal(repr(total)) if isinstance(total, float) else Decimal(total)
    if order.get("tier") == "premium":
        amount = (amount * Decimal("0.9")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    streams.append("orders.high" if amount > 1000 else "orders.low")

    status = order.get("status")
    if amount >= 500:
        streams.append("orders.review")
    else:
        status = "processed"
    if status == "processed":
        # The enrichment and the pricing race before the analytics tap add fields but never fail
        # an order (a failed enrichment leaves its field out), so they change no route.
        streams += ["analytics", "orders.fraud-check"]
        if payment_fails(order):
            streams.append("orders.payment-failed")
        else:
            streams += ["orders.fulfilment", "orders.notifications", "audit"]
    return streams


def main():
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    counts = Counter()
    records = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            records += 1
            counts.update(routes(json.loads(line)))
    print(f"records: {records}")
    for stream in sorted(counts):
        print(f"{stream}: {counts[stream]}")


if __name__ == "__main__":
    main()
