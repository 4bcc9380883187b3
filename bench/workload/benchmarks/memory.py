"""A realistic memory benchmark: make, serialise, parse and aggregate orders (pure Python)."""
import json
import pathlib
import sys

# Run from anywhere: the project root is one folder up.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from app.records import make_orders, parse_csv, round_trip_json, to_csv  # noqa: E402
from app.summary import customers_index, revenue_by_region, top_products, words  # noqa: E402

orders = make_orders(8_000)
records = parse_csv(to_csv(orders))
copied = round_trip_json(orders)
report = {
    "revenue": revenue_by_region(records),
    "top": top_products(records),
    "customers": len(customers_index(copied)),
    "words": words(orders),
}
text = json.dumps(report, sort_keys=True)
