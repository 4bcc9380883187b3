from collections import OrderedDict


class LRU:
    """Least-recently-used cache with a fixed capacity.

    Every write is also kept in `history`, so that evictions can be audited later.
    """

    def __init__(self, capacity):
        self.capacity = capacity
        self._items = OrderedDict()
        self.history = []

    def get(self, key):
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key, value):
        self._items[key] = value
        self._items.move_to_end(key)
        self.history.append((key, value))
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __len__(self):
        return len(self._items)
