"""Aggregations over parsed records: the kind of dict-heavy work a service does."""
from collections import defaultdict


def revenue_by_region(records):
    totals = defaultdict(float)
    for record in records:
        totals[record["region"]] += record["qty"] * record["price"]
    return dict(totals)


def top_products(records, n=20):
    counts = {}
    for record in records:
        counts[record["sku"]] = counts.get(record["sku"], 0) + record["qty"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def customers_index(orders):
    index = {}
    for order in orders:
        index.setdefault(order["customer"], []).append(order["id"])
    return index


def words(orders):
    seen = defaultdict(int)
    for order in orders:
        for word in order["note"].split():
            seen[word] += 1
    return dict(seen)
