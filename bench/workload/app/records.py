"""Synthetic order records: made, written as CSV and JSON text, parsed back."""
import json
import random

REGIONS = ["north", "south", "east", "west", "central"]
PRODUCTS = [f"sku-{n:04d}" for n in range(400)]


def make_orders(count, seed=7):
    rng = random.Random(seed)
    orders = []
    for number in range(count):
        lines = [
            {"sku": rng.choice(PRODUCTS), "qty": rng.randint(1, 9), "price": round(rng.uniform(1, 200), 2)}
            for _ in range(rng.randint(1, 6))
        ]
        orders.append(
            {
                "id": number,
                "customer": f"c{rng.randint(0, 5000):05d}",
                "region": rng.choice(REGIONS),
                "lines": lines,
                "note": " ".join(rng.choice(["fast", "gift", "fragile", "bulk", "repeat"]) for _ in range(3)),
            }
        )
    return orders


def to_csv(orders):
    rows = ["id,customer,region,sku,qty,price"]
    for order in orders:
        for line in order["lines"]:
            rows.append(f'{order["id"]},{order["customer"]},{order["region"]},{line["sku"]},{line["qty"]},{line["price"]}')
    return "\n".join(rows)


def parse_csv(text):
    lines = text.split("\n")
    header = lines[0].split(",")
    records = []
    for line in lines[1:]:
        fields = line.split(",")
        record = dict(zip(header, fields))
        record["id"] = int(record["id"])
        record["qty"] = int(record["qty"])
        record["price"] = float(record["price"])
        records.append(record)
    return records


def round_trip_json(orders):
    return json.loads(json.dumps(orders))
