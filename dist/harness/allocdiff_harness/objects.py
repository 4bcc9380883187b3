"""Live objects by type: the first method of the seed note (``gc.get_objects()``), extended.

``gc.get_objects()`` lists only objects the collector tracks (containers), so bytearrays,
strings and numbers would never show. Objects it does not track are counted too when a
tracked object refers to them, directly or through other untracked objects (a tuple of
strings in a list); what only C code refers to is missed.

Imported before the benchmark runs: standard-library modules that are always loaded only.
"""

import gc

from . import collection

# Containers the harness keeps alive across every measurement (the audit hook's records, see
# reads.py): never counted, nor what they hold.
HARNESS_CONTAINERS = []


def type_name(cls):
    """``bytearray`` for builtins, ``module.Qualified.Name`` otherwise."""
    module = getattr(cls, "__module__", None)
    qualname = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "?")
    if not isinstance(module, str) or module == "builtins":
        return str(qualname)
    return "%s.%s" % (module, qualname)


def count_types(ignore, held=None, collect=True):
    """``{type name: number of live objects}``.

    ``ignore``: the harness's own containers (their contents are not followed either).
    ``held``: objects the harness keeps alive for the measurement (a function's return
    value), counted even when nothing tracked refers to them.
    ``collect``: collect first (False: the benchmark disabled the collector, and its
    unreachable cycles are counted as live).

    Runs while tracemalloc traces every allocation, so it allocates in bulk: a few large
    lists made by C loops rather than an object per object counted.
    """
    # The collector stops tracking a tuple or dict that holds only untracked objects, but a
    # pass sees one level at a time: a tuple of tuples goes on the second pass. Two passes
    # settle what the harness's own work left, so it does not show as a change. Everything
    # older than the last call frozen (see collection.py), the first pass sees only what was
    # made since: what the harness's work left.
    if collect:
        gc.collect()
    # gc.get_objects() lists no frozen object.
    collection.thaw()
    if collect:
        gc.collect()
    found = gc.get_objects()
    # Everything below is made after the list, so it is not in it; the argument tuples
    # were made before, and are the harness's.
    skip = {id(found), id(ignore)}
    if held is not None:
        skip.add(id(held))
    for container in tuple(ignore) + tuple(HARNESS_CONTAINERS):
        if container is not None:
            skip.add(id(container))
            # An instance's attributes are a dict of their own (before 3.11 always).
            attributes = getattr(container, "__dict__", None)
            if attributes is not None:
                skip.add(id(attributes))
    # The loops below run in C (a heap has hundreds of thousands of objects): collections
    # and itertools are loaded by tracemalloc, which the harness imported before any count.
    # Not ``Counter``: its ``update`` asks ``isinstance(..., Mapping)``, whose caches would
    # count as objects made between two counts.
    from collections import _count_elements
    from itertools import filterfalse

    counted = found
    del found
    if skip:
        ids = list(map(id, counted))
        for key in skip:
            if key in ids:
                index = ids.index(key)
                del ids[index], counted[index]
        del ids
    untracked = {}
    layer = [obj for obj in held or () if obj is not None and not gc.is_tracked(obj)]
    layer.extend(gc.get_referents(*counted))
    while layer:
        # Untracked objects can only refer to untracked ones: follow them until none is new.
        layer = list(filterfalse(gc.is_tracked, layer))
        fresh = dict(zip(map(id, layer), layer))
        del layer
        for key in fresh.keys() & untracked.keys():
            del fresh[key]
        for key in fresh.keys() & skip:
            del fresh[key]
        untracked.update(fresh)
        layer = gc.get_referents(*fresh.values()) if fresh else []
    by_type = {}
    _count_elements(by_type, map(type, counted))
    _count_elements(by_type, map(type, untracked.values()))
    counts = {}
    for cls, number in by_type.items():
        name = type_name(cls)
        counts[name] = counts.get(name, 0) + number
    collection.refreeze()
    return counts


def type_changes(before, after):
    """``[(type, before, after)]`` for the types whose count changed, by size of change."""
    changed = []
    for name in set(before) | set(after):
        old = before.get(name, 0)
        new = after.get(name, 0)
        if old != new:
            changed.append((name, old, new))
    changed.sort(key=lambda item: (-abs(item[2] - item[1]), item[0]))
    return changed
