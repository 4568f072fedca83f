"""The vectorised building blocks of the linear heads: TF-IDF rows, segment sums and the sparse product."""

from __future__ import annotations

import numpy as np

from amends.language.features import Vectoriser, segment_sums, sparse_dot


def test_segment_sums_match_a_loop_and_give_zero_for_empty_runs() -> None:
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(9, 3)).astype(np.float32)
    bounds = np.array([0, 0, 2, 2, 7, 9, 9])  # runs of 0, 2, 0, 5, 2 and 0 rows
    expected = np.array([rows[a:b].sum(axis=0) for a, b in zip(bounds[:-1], bounds[1:], strict=True)])
    np.testing.assert_allclose(segment_sums(rows, bounds), expected, rtol=1e-6, atol=1e-6)
    assert not segment_sums(rows, bounds)[[0, 2, 5]].any()


def test_segment_sums_of_a_vector() -> None:
    np.testing.assert_allclose(segment_sums(np.array([1.0, 2.0, 4.0]), np.array([0, 1, 1, 3])), [1.0, 0.0, 6.0])


def test_sparse_dot_equals_the_dense_product() -> None:
    rng = np.random.default_rng(1)
    dense = np.zeros((4, 6), dtype=np.float32)
    dense[0, [1, 4]] = [0.5, 2.0]
    dense[2, [0, 1, 5]] = [1.0, -1.0, 3.0]  # rows 1 and 3 stay empty
    indptr, indices = np.array([0, 2, 2, 5, 5]), np.array([1, 4, 0, 1, 5])
    values = dense[np.repeat(np.arange(4), np.diff(indptr)), indices]
    weights = rng.normal(size=(6, 3)).astype(np.float32)
    heads = np.ascontiguousarray(weights.T)
    np.testing.assert_allclose(sparse_dot(indptr, indices, values, heads), dense @ weights, rtol=1e-5, atol=1e-6)
    empty = sparse_dot(np.array([0, 0]), np.array([], dtype=np.int64), np.array([], dtype=np.float32), heads)
    assert empty.shape == (1, 3) and not empty.any()


def test_rows_weight_each_block_by_log_count_and_idf_to_half_the_unit_length() -> None:
    words = {"parcel": 0, "late": 1, "parcel late": 2}
    chars = {" l": 0, "la": 1, "zz": 2}
    idf = np.array([2.0, 3.0, 4.0, 1.0, 1.5, 5.0], dtype=np.float32)
    v = Vectoriser(words, chars, idf)
    indptr, indices, values = v.rows(["Parcel late late", "", "???", "zzz"])
    assert indptr.tolist() == [0, 5, 5, 5, 6]  # the empty and the unknown text give no columns
    row = dict(zip(indices[:5].tolist(), values[:5].tolist(), strict=True))
    word_weights = np.array([2.0, (1 + np.log(2)) * 3.0, 4.0])  # "late" twice
    expected = word_weights / np.linalg.norm(word_weights) / np.sqrt(2)
    np.testing.assert_allclose([row[0], row[1], row[2]], expected, rtol=1e-6)
    char_weights = np.array([(1 + np.log(2)) * 1.0, (1 + np.log(2)) * 1.5])  # " l" and "la", once per "late"
    np.testing.assert_allclose([row[3], row[4]], char_weights / np.linalg.norm(char_weights) / np.sqrt(2), rtol=1e-6)
    # "zzz" has the char gram "zz" twice and no known word: its char block alone.
    assert indices[5] == 5
    np.testing.assert_allclose(values[5], 1 / np.sqrt(2), rtol=1e-6)
    single = v.row("Parcel late late")
    assert single == (indices[:5].tolist(), values[:5].tolist())


def test_segment_sums_along_the_last_axis_put_the_runs_first() -> None:
    rows = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(segment_sums(rows, np.array([0, 2, 2, 3]), axis=1), [[1.0, 7.0], [0.0, 0.0], [2.0, 5.0]])
