"""One measurement of `npm run bench`: what taking tracemalloc's snapshot costs at the end of a
benchmark. Runs SCRIPT as __main__ under tracemalloc with 1 frame (as the harness's first pass
does), then times `tracemalloc.take_snapshot()` of everything it still holds. Prints one JSON
line: the run's and the snapshot's seconds and the number of live blocks."""

import json
import runpy
import sys
import time
import tracemalloc

script = sys.argv[1]
sys.argv = [script]
tracemalloc.start(1)
started = time.perf_counter()
namespace = runpy.run_path(script, run_name="__main__")
ran = time.perf_counter()
snapshot = tracemalloc.take_snapshot()
taken = time.perf_counter()
tracemalloc.stop()
print(
    json.dumps(
        {
            "runSeconds": ran - started,
            "snapshotSeconds": taken - ran,
            "blocks": len(snapshot.traces),
        }
    )
)
