"""The garbage collections around a measured call.

Every measured call starts from ``before_call``: a full collection, so the garbage of what
ran before is gone (its finalizers ran untraced), CPython's free lists are empty and the
collector's counters are zero, and the call allocates, and is collected while it runs, the
same way each time. After it, ``gc.collect()`` frees what it made and no longer holds.

In a pytest process (``freeze_between_calls``), a full collection of the suite's whole heap
before and after each test costs more than tracing the test. There, ``before_call`` also
freezes (``gc.freeze``) everything alive, and it stays frozen: each collection, before a call,
after it and the collector's own while it runs, examines only what was made since the last
call started. Every pass that measures a test (its first call, the further calls of a deep
pass, the one that counts objects, the one at the peak, the leak check) starts from the same
state: nothing unfrozen, the counters at zero, the free lists empty.

Frozen objects are roots, never garbage, to the collector; so what a call allocates is
collected as before, with one exception: a reference cycle made only of objects older than
the call, which the call hangs objects of its own on and then drops, is not collected, so
those objects count as retained (an overstatement, never a leak missed). A cycle of old
objects that becomes garbage is freed by the next thawed collection: ``before_call`` makes one
whenever the frozen objects grew by a quarter since the last, as the collector's own full
collections do, and counting objects by type (``thaw``) makes one, since ``gc.get_objects()``
lists no frozen object; having made its full collections and counted, it freezes everything
again (``refreeze``).

Imported before the program runs: standard-library modules that are always loaded only.
"""

import gc

_freezing = False
# Frozen objects right after the last thawed collection.
_frozen_at_full = 0
# Frozen objects grow by this share of what a thawed collection left before the next one.
GROWTH = 0.25


def freeze_between_calls():
    """From now on, the calls measured in this process start with everything alive frozen."""
    global _freezing
    _freezing = True


def before_call():
    """The collection a measured call starts from (and, frozen between calls, the freeze)."""
    global _frozen_at_full
    if not _freezing:
        gc.collect()
        return
    frozen = gc.get_freeze_count()
    thawed = frozen == 0 or frozen > _frozen_at_full * (1 + GROWTH)
    if frozen and thawed:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
    if thawed:
        _frozen_at_full = gc.get_freeze_count()
    # With nothing unfrozen, this one sets what the collector counts (objects surviving its
    # collections, the long-lived total that decides its full collections) to the same zero
    # in every pass.
    gc.collect()


def refreeze():
    """After ``thaw`` and the full collections that followed it (the object count's): freeze
    what is alive again, as ``before_call``'s thawed collection would, so the next call starts
    with a collection of what was made since, not a third one of the whole heap."""
    global _frozen_at_full
    if _freezing and not gc.get_freeze_count():
        gc.freeze()
        _frozen_at_full = gc.get_freeze_count()


def thaw():
    """Nothing frozen any more (``gc.get_objects()`` and ``gc.get_referrers()`` see every
    tracked object); the next ``before_call`` makes a full collection, then freezes again."""
    if _freezing and gc.get_freeze_count():
        gc.unfreeze()


def freeze_before_fork():
    """A pytest session about to fork one of its passes (see ``command.fork_pass``): what is
    alive collected and frozen, as a thawed ``before_call`` leaves it. The pass's first call then
    starts without a full collection of the session's whole heap in the child, where the
    collector's writes to every object it examines would copy each page of the heap that the
    child shares with the session."""
    global _frozen_at_full
    if not _freezing:
        return
    thawed = gc.get_freeze_count() == 0
    gc.collect()
    gc.freeze()
    if thawed:
        _frozen_at_full = gc.get_freeze_count()
