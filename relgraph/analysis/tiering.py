"""Customer tiering: grade accounts S, A, B or C from value, potential and strategic fit."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from relgraph.checks import check_float, check_mapping
from relgraph.errors import InvalidParameterError
from relgraph.locale import check_language
from relgraph.text import message, say, term

__all__ = [
    "DEFAULT_THRESHOLDS",
    "DEFAULT_WEIGHTS",
    "FIT_SCALE",
    "TIER_COLUMNS",
    "TIERS",
    "tier_customers",
]

#: Tiers from the most to the least important (DOMAIN.md §10).
TIERS: tuple[str, ...] = ("S", "A", "B", "C")
#: Weights of the three score terms (normalised to sum to 1 before use).
DEFAULT_WEIGHTS: Mapping[str, float] = {"value": 0.4, "potential": 0.35, "fit": 0.25}
#: Lowest score (0..100) of each tier; anything below the B threshold is C.
DEFAULT_THRESHOLDS: Mapping[str, float] = {"S": 75.0, "A": 50.0, "B": 25.0}
#: Top of the strategic-fit scale (``strategic_fit`` is scored 0..5).
FIT_SCALE = 5.0
#: Columns of the frame returned by :func:`tier_customers`.
TIER_COLUMNS = [
    "rank",
    "account",
    "name",
    "current_value",
    "future_potential",
    "strategic_fit",
    "value_term",
    "potential_term",
    "fit_term",
    "score",
    "tier",
    "why",
]
_INPUT = ("account", "current_value", "future_potential", "strategic_fit")


def _bad(name: str, value: object, key: str, **values: object) -> InvalidParameterError:
    """Return the error for a bad ``accounts`` table or option; the message says what and why."""
    text = message(key, **values)
    return InvalidParameterError(name, value, text, message=text)


def _check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    expected = message("exp_tier_weights")
    w = dict(
        DEFAULT_WEIGHTS if weights is None else check_mapping("weights", weights, expected=expected)
    )
    unknown = sorted(set(w) - set(DEFAULT_WEIGHTS))
    missing = sorted(set(DEFAULT_WEIGHTS) - set(w))
    if unknown or missing:
        raise _bad(
            "weights",
            weights,
            "err_tier_weight_keys",
            keys=", ".join(DEFAULT_WEIGHTS),
            unknown=", ".join(unknown) or "-",
            missing=", ".join(missing) or "-",
        )
    vals = np.array([check_float(f"weights[{k!r}]", w[k]) for k in DEFAULT_WEIGHTS])
    if (vals < 0).any() or not np.isfinite(vals).all() or vals.sum() <= 0:
        raise _bad("weights", weights, "err_tier_weight_values", got=w)
    return {k: float(v) / float(vals.sum()) for k, v in zip(DEFAULT_WEIGHTS, vals, strict=True)}


def _check_thresholds(thresholds: Mapping[str, float] | None) -> dict[str, float]:
    expected = message("exp_tier_thresholds")
    given = DEFAULT_THRESHOLDS if thresholds is None else thresholds
    t = dict(check_mapping("thresholds", given, expected=expected))
    if set(t) != set(DEFAULT_THRESHOLDS):
        raise _bad("thresholds", thresholds, "err_tier_threshold_keys", got=sorted(t))
    s, a, b = (check_float(f"thresholds[{k!r}]", t[k]) for k in ("S", "A", "B"))
    if not (100 >= s >= a >= b >= 0):
        raise _bad("thresholds", thresholds, "err_tier_threshold_order", got=t)
    return {"S": s, "A": a, "B": b, "C": 0.0}


def _numbers(accounts: pd.DataFrame, col: str) -> pd.Series:
    values = pd.to_numeric(accounts[col], errors="coerce")
    bad = values.isna() & accounts[col].notna() | (values < 0)
    if bad.any():
        rows = ", ".join(str(i) for i in accounts.index[bad][:5])
        raise _bad("accounts", col, "err_tier_numbers", column=repr(col), rows=rows)
    return values.fillna(0.0).astype(float)


def tier_customers(
    accounts: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    thresholds: Mapping[str, float] | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Grade customers S (strategic), A (partner), B (value) or C (general).

    Parameters
    ----------
    accounts : pandas.DataFrame
        One row per account: ``account`` (id), ``current_value`` (e.g. this year's
        revenue, ≥ 0), ``future_potential`` (e.g. the expected revenue of the next years,
        ≥ 0, same unit or any unit), ``strategic_fit`` (a judgement on 0..5: brand,
        region, technology, fit with our strategy) and optionally ``name``. Blank numbers
        count as 0.
    weights : mapping, optional
        Weights of the terms ``value``, ``potential`` and ``fit``
        (:data:`DEFAULT_WEIGHTS`: 0.4, 0.35, 0.25); normalised to sum to 1.
    thresholds : mapping, optional
        Lowest score of ``S``, ``A`` and ``B`` (:data:`DEFAULT_THRESHOLDS`: 75, 50, 25);
        lower scores are C.
    lang : {"en", "zh"}, default "en"
        The language of ``why`` (grading needs no network, so it takes the language
        itself; pass ``net.settings.language`` to follow a network).

    Returns
    -------
    pandas.DataFrame
        One row per account, best first; columns :data:`TIER_COLUMNS`: the inputs, the
        three terms on 0..1, ``score`` on 0..100, ``tier`` and ``why`` (the arithmetic).

    Raises
    ------
    InvalidParameterError
        For missing columns, negative or non-numeric values, a fit above 5, duplicate
        account ids, or bad weights / thresholds.

    Notes
    -----
    value_term = current_value / max(current_value), potential_term = future_potential
    / max(future_potential) (0 when the maximum is 0), fit_term = strategic_fit / 5, and
    score = 100 × (w_value·value_term + w_potential·potential_term + w_fit·fit_term).
    The tier is the first of S, A, B whose threshold the score reaches, else C.
    Value and potential are relative to the largest account in the table, so grade the
    whole portfolio at once. The weights and thresholds are starting defaults to agree
    with the team.

    Examples
    --------
    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"account": ["XM", "YT", "ZB"],
    ...                          "current_value": [480, 120, 20],
    ...                          "future_potential": [300, 600, 30],
    ...                          "strategic_fit": [5, 3, 1]})
    >>> tier_customers(accounts)[["account", "score", "tier"]]
      account  score tier
    0      XM   82.5    S
    1      YT   60.0    A
    2      ZB    8.4    C
    """
    lang = check_language(lang)
    if not isinstance(accounts, pd.DataFrame):
        kind = type(accounts).__name__
        raise _bad("accounts", kind, "err_tier_not_frame", kind=kind)
    cols = {str(c).strip().lower(): c for c in accounts.columns}
    missing = [c for c in _INPUT if c not in cols]
    if missing:
        raise _bad(
            "accounts",
            missing,
            "err_tier_columns",
            missing=", ".join(missing),
            needed=", ".join(_INPUT),
        )
    df = accounts.rename(columns={v: k for k, v in cols.items()})
    w = _check_weights(weights)
    t = _check_thresholds(thresholds)
    ids = df["account"].astype(str)
    dup = ids[ids.duplicated()]
    if len(dup):
        repeated = sorted(set(dup))
        raise _bad("accounts", repeated, "err_tier_repeats", ids=", ".join(repeated))
    value = _numbers(df, "current_value")
    potential = _numbers(df, "future_potential")
    fit = _numbers(df, "strategic_fit")
    if (fit > FIT_SCALE).any():
        top = float(fit.max())
        raise _bad("accounts", top, "err_tier_fit", scale=f"{FIT_SCALE:g}", got=f"{top:g}")
    v_max, p_max = float(value.max() or 0.0), float(potential.max() or 0.0)
    v = value / v_max if v_max > 0 else value * 0.0
    p = potential / p_max if p_max > 0 else potential * 0.0
    f = fit / FIT_SCALE
    score = 100.0 * (w["value"] * v + w["potential"] * p + w["fit"] * f)
    score = score.round(10)
    tier = np.select(
        [score >= t["S"], score >= t["A"], score >= t["B"]], ["S", "A", "B"], default="C"
    )
    names = df["name"].fillna("").astype(str) if "name" in df else pd.Series("", index=df.index)
    out = pd.DataFrame(
        {
            "account": ids.to_numpy(),
            "name": names.to_numpy(),
            "current_value": value.to_numpy(),
            "future_potential": potential.to_numpy(),
            "strategic_fit": fit.to_numpy(),
            "value_term": v.to_numpy(),
            "potential_term": p.to_numpy(),
            "fit_term": f.to_numpy(),
            "score": score.to_numpy(),
            "tier": tier,
        }
    )
    out["why"] = [
        say(
            "tier_why",
            score=r.score,
            wv=round(w["value"], 4),
            v=r.value_term,
            wp=round(w["potential"], 4),
            p=r.potential_term,
            wf=round(w["fit"], 4),
            f=r.fit_term,
            tier=r.tier,
            meaning=term("tier", r.tier, lang=lang),
            cut=t[r.tier],
            lang=lang,
        )
        for r in out.itertuples(index=False)
    ]
    out = out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["score"] = out["score"].round(1)
    return out[TIER_COLUMNS]
