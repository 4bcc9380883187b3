"""Memory benchmark: load a stream of products into the catalog."""
import json
import pathlib
import sys

# Run from anywhere: the project root is one folder up.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from app.catalog import Catalog  # noqa: E402

catalog = Catalog(capacity=200)
for number in range(3000):
    record = json.dumps(
        {"sku": f"SKU-{number:05d}", "name": f"Product {number}", "tags": ["Sale", "New", "Blue"]}
    )
    catalog.load(record)

print(f"loaded {catalog.loaded} products, {len(catalog.cache)} cached")
