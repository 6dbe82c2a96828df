"""NumPy helpers the aggregates share (pure: no Django).

``unique``: the distinct values of a 1-D array, sorted — what ``np.unique(values)`` returns.
NumPy 2.3 and later answer a plain ``np.unique`` call with a hash table, which on this project's
arrays (a few hundred thousand int64 person × unit keys) takes 15–30 times as long as sorting
them (measured with NumPy 2.5: 185 ms against 6 ms for 350,000 keys; ``np.unique`` with
``return_inverse`` or ``return_counts`` still sorts and is fast). The absence figures, the
disclosure control and the demo use this instead.
"""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of ``values`` (flattened), as ``np.unique(values)``."""
    ordered = np.sort(np.asarray(values).ravel())
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
