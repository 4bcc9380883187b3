import json

from app.cache import LRU


class Catalog:
    """Products parsed from JSON records, the most recent ones cached."""

    def __init__(self, capacity):
        self.cache = LRU(capacity)
        self.loaded = 0

    def load(self, record):
        product = json.loads(record)
        product["tags"] = [tag.lower() for tag in product["tags"]]
        self.cache.put(product["sku"], product)
        self.loaded += 1
        return product

    def lookup(self, sku):
        return self.cache.get(sku)
