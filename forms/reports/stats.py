"""Order statistics for the report, by one stated method (nearest rank)."""


def nearest_rank(values, percent: int):
    """The `percent`-th percentile of `values`: the ceil(percent/100 * n)-th smallest; None for no values."""
    if not 0 < percent <= 100:
        raise ValueError("percent must be in 1..100")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = -(-percent * len(ordered) // 100)  # ceil without floats
    return ordered[max(rank, 1) - 1]
