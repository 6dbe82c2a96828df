import numpy as np
import pytest

from charlie.core.arrays import unique


@pytest.mark.parametrize(
    "values",
    [
        [],
        [7],
        [3, 1, 3, 2, 1],
        [[5, 5], [1, 9]],
        np.random.default_rng(1).integers(0, 50, 1000),
        np.array([2.5, -1.0, 2.5]),
    ],
)
def test_unique_is_numpys_unique(values):
    expected = np.unique(np.asarray(values))
    got = unique(np.asarray(values))
    assert got.dtype == expected.dtype
    assert got.tolist() == expected.tolist()
