"""Penalised logistic regression with sign constraints, in numpy: what the decision and the triage fit.

Pure: standardised statistics in, weights out. A statistic of divergence may only add to the
probability of a fault (its weight is held at zero rather than go negative), so that a strong foreign
posterior or a missing word never counts *for* a match because, on some voice in the fit, it came
with other noise; only the statistics named `signed` (how well the ASR reads the voice) and the bias
may weigh either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))))


@dataclass(frozen=True)
class Linear:
    """A linear function of standardised columns: what a fit yields and what a prior is."""

    weights: np.ndarray  # one per column of x, on standardised columns
    bias: float
    mean: np.ndarray
    scale: np.ndarray


@dataclass(frozen=True)
class Logistic(Linear):
    """A fitted model with the probabilities it gives its own rows (for choosing operating points)."""

    fitted_p: np.ndarray  # one per row of x


def restated(prior: Linear, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """`prior`'s weights on columns standardised by `mean` and `scale` instead of its own (the same
    function of the raw statistics), with the bias last."""
    weights = prior.weights * scale / prior.scale
    bias = prior.bias + float(np.sum(prior.weights * (mean - prior.mean) / prior.scale))
    return np.append(weights, bias)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, signed: list[bool], ridge: float, prior: Linear | None = None
) -> Logistic:
    """Weights for rows `x` (one statistic per column) and labels `y` (1 = fault), each column
    standardised, the weights L2-penalised by `ridge` (the bias is not), and every column whose
    `signed` is False held at a weight of zero or more (projected Newton: a weight pushed below zero
    is held at zero and the rest refitted).

    `prior`: a model of the same columns fitted elsewhere; the penalty then pulls the weights toward
    its own rather than toward zero (a Gaussian prior centred on it), so that a few hundred clips
    move a fit made on thousands only as far as they disagree with it."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    a = np.hstack([z, np.ones((len(z), 1))])
    # the prior's bias is only where the fit starts: the bias is not shrunk (reg[-1] below)
    centre = np.zeros(a.shape[1]) if prior is None else restated(prior, mean, scale)
    w = centre.copy()
    reg = np.full(a.shape[1], ridge)
    reg[-1] = 0.0  # the bias is not shrunk
    may_be_negative = np.array([*signed, True])
    free = np.ones(a.shape[1], dtype=bool)

    def loss(v: np.ndarray) -> float:
        z = a @ v
        # log(1 + e^z) - y z, written to stay finite for large |z|
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(reg * (v - centre) ** 2))

    for _ in range(len(signed) + 1):
        for _ in range(100):
            p = sigmoid(a @ w)
            grad = (a.T @ (p - y) + reg * (w - centre))[free]
            sub = a[:, free]
            hess = (sub * (p * (1 - p))[:, None]).T @ sub + np.diag(reg[free]) + 1e-9 * np.eye(int(free.sum()))
            step = np.linalg.solve(hess, grad)
            # damped: a full Newton step can overshoot where the classes nearly separate (the bias is
            # not shrunk), so halve it until the penalised loss does not rise
            before, scale_ = loss(w), 1.0
            while scale_ > 1e-6:
                trial = w.copy()
                trial[free] -= scale_ * step
                if loss(trial) <= before + 1e-12:
                    break
                scale_ /= 2
            w[free] -= scale_ * step
            if float(np.max(np.abs(scale_ * step))) < 1e-8:
                break
        negative = ~may_be_negative & free & (w < 0)
        if not negative.any():
            break
        w[negative] = 0.0
        free &= ~negative
    return Logistic(w[:-1], float(w[-1]), mean, scale, sigmoid(a @ w))


def linear_json(weights: Sequence[float], bias: float, mean: Sequence[float], scale: Sequence[float]) -> dict[str, Any]:
    """A fitted model's numbers as a calibration file stores them (six decimals: far finer than any
    fit moves them, and a refit from the same evidence writes the same file)."""
    return {
        "weights": [round(w, 6) for w in weights],
        "bias": round(bias, 6),
        "mean": [round(m, 6) for m in mean],
        "scale": [round(x, 6) for x in scale],
    }
