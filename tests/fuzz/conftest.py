"""Property-based (Hypothesis) runs: deterministic in CI, a fixed budget, a time limit per case.

`derandomize` makes every run (local and CI) try the same inputs, so a red CI is
reproducible; set MENTOR_FUZZ_EXAMPLES to run a longer campaign locally (with
MENTOR_FUZZ_RANDOM=1 for new inputs each time).
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mentor",
    max_examples=int(os.environ.get("MENTOR_FUZZ_EXAMPLES", "150")),
    # A case that takes this long is doing super-linear work (or waiting on something).
    deadline=timedelta(seconds=2),
    derandomize=os.environ.get("MENTOR_FUZZ_RANDOM") != "1",
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("mentor")
