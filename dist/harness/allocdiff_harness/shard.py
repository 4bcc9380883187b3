"""Which scenarios this run measures when the suite is split across runners.

``ALLOCDIFF_SHARD=K/N`` (set by allocdiff for ``shard: K/N``) keeps the scenarios whose name
falls to shard K: FNV-1a (32 bits) over the name's UTF-8 bytes, modulo N, plus 1, the function
allocdiff applies to what comes back (src/capture/shard.ts), so both agree on every name.
Without the variable every scenario is measured.

No imports: this module is loaded before the measured script, whose own imports must cost it
what they cost without allocdiff.
"""

VARIABLE = "ALLOCDIFF_SHARD"


def from_environment(environ):
    """``(index, count)`` from the variable, or None when it is not set (or not K/N)."""
    text = environ.get(VARIABLE, "")
    index, slash, count = text.partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        return None
    index, count = int(index), int(count)
    if not 1 <= index <= count:
        return None
    return index, count


def shard_of(name, count):
    """The shard, from 1 to ``count``, a scenario of this name belongs to."""
    try:
        data = name.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a name from undecodable bytes): U+FFFD in its place, as JavaScript's
        # TextEncoder encodes it.
        data = name.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % count + 1


def keeps(shard, name):
    """Whether a run of ``shard`` (None: every scenario) measures the scenario ``name``."""
    return shard is None or shard_of(name, shard[1]) == shard[0]
