"""Which fault: a multinomial logistic model over the clip statistics, fitted on labelled faults.

The decision (`model.Calibration`) says whether the audio diverges; this says
how, once it does. It replaces two hand-made choices: keeping the rules'
class, and `model.fault_class`'s thresholds for a clip the rules passed.

Held out (leave one engine out, bench/heldout.py), the rules named a one-word
switch "other content" or "a cut" more often than "another language": a
switched word is an unheard word in both, and only its stretch's language
(``head_switch``, ``low_switch``) tells "pedido" for "order" from "Austin" for
"Boston". Fitted on the statistics (`CLASS_FEATURES`: all but ``other_number``),
the rules' own verdicts among them, the model weighs that evidence against the rest.

It decides only which fault, never whether: what it is fitted on cannot move
how many faithful responses are flagged. So it is fitted on every labelled
fault there is, the dev corpus's one-word switches included, which the
decision is not (see bench/heldout.py's JUDGED_ONLY).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import minimize

from verifier.core.calibration.statistics import CLASS_FEATURES, feature_names, vector
from verifier.schema.results import VerdictClass

#: the classes a fault can be, in the model's (and its file's) order
FAULTS = (
    VerdictClass.MISSING_AUDIO,
    VerdictClass.TRUNCATED,
    VerdictClass.LANGUAGE_DRIFT,
    VerdictClass.EXTRA_SPEECH,
    VerdictClass.CONTENT_MISMATCH,
)
#: L2 penalty on the standardised weights, as the decision's (model.RIDGE): thirty weights per class
#: on a few hundred faults
RIDGE = 1.0


class ClassModelError(ValueError):
    """A class model in a calibration file that cannot be used."""


@dataclass
class ClassModel:
    classes: tuple[VerdictClass, ...]
    features: tuple[str, ...]
    weights: list[list[float]]  # one row per class, one weight per feature (standardised)
    bias: list[float]
    mean: list[float]
    scale: list[float]
    fitted_on: dict[str, Any] = field(default_factory=dict)

    def scores(self, rec: dict[str, Any]) -> dict[VerdictClass, float]:
        """The probability of each class, for a faulty clip's record."""
        x = (vector(rec, self.features) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = np.asarray(self.weights) @ x + np.asarray(self.bias)
        p = np.exp(z - z.max())
        p /= p.sum()
        return {c: float(q) for c, q in zip(self.classes, p)}

    def predict(self, rec: dict[str, Any]) -> VerdictClass:
        s = self.scores(rec)
        return max(self.classes, key=lambda c: s[c])  # the first of equals, in FAULTS order

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": [c.value for c in self.classes],
            "features": list(self.features),
            "weights": [[round(w, 6) for w in row] for row in self.weights],
            "bias": [round(b, 6) for b in self.bias],
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "fitted_on": self.fitted_on,
        }


def fit_classes(
    records: list[dict[str, Any]],
    labels: list[str],
    *,
    features: tuple[str, ...] = CLASS_FEATURES,
    fitted_on: dict[str, Any] | None = None,
) -> ClassModel:
    """Fit the class model on faulty records and their labels (a `VerdictClass` value each).

    A class with no record keeps its weights at zero and a bias far below the others: it is never
    predicted, as nothing taught the model what it looks like.
    """
    if len(records) != len(labels) or not records:
        raise ValueError("fit_classes needs labelled faulty records")
    index = {c.value: k for k, c in enumerate(FAULTS)}
    unknown = sorted({x for x in labels if x not in index})
    if unknown:
        raise ValueError(f"fit_classes: not fault classes: {unknown}")
    y = np.array([index[x] for x in labels])
    x = np.array([vector(r, features) for r in records])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    k, n = len(FAULTS), z.shape[1]
    onehot = np.eye(k)[y]
    present = np.bincount(y, minlength=k) > 0
    # the biases are barely shrunk: only so that adding a constant to every class has one answer
    reg = np.full((n, 1), RIDGE)
    reg[-1] = 1e-6

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(n, k)
        s = z @ w
        s[:, ~present] = -1e9
        s -= s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        value = -float(np.sum(onehot * logp)) + 0.5 * float(np.sum(reg * w * w))
        grad = z.T @ (p - onehot) + reg * w
        grad[:, ~present] = 0.0
        return value, grad.ravel()

    res = minimize(loss, np.zeros(n * k), jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-7})
    w = res.x.reshape(n, k)
    bias = [float(b) if ok else -1e6 for b, ok in zip(w[-1], present)]
    info = dict(fitted_on or {})
    info["faults"] = int(len(y))
    info["per_class"] = {c.value: int((y == i).sum()) for i, c in enumerate(FAULTS)}
    model = ClassModel(
        FAULTS,
        tuple(features),
        [[float(v) for v in w[:-1, i]] for i in range(k)],
        bias,
        [float(v) for v in mean],
        [float(v) for v in scale],
        info,
    )
    info["fit_right_class"] = int(sum(model.predict(r).value == lab for r, lab in zip(records, labels)))
    return model


def class_model_from_json(data: Any, where: str) -> ClassModel:
    """A class model from its calibration file's ``classes`` field, every field checked."""
    if not isinstance(data, dict):
        raise ClassModelError(f"{where}: field 'classes' must be an object")
    names = data.get("classes")
    valid = {c.value for c in FAULTS}
    if not isinstance(names, list) or not names or not all(x in valid for x in names) or len(set(names)) != len(names):
        raise ClassModelError(f"{where}: field 'classes.classes' must list fault classes among {sorted(valid)}")
    try:
        features = feature_names(data.get("features"), "classes.features")
    except ValueError as exc:
        raise ClassModelError(f"{where}: {exc}") from None
    k, n = len(names), len(features)

    def numbers(v: Any, size: int) -> bool:
        return (
            isinstance(v, list)
            and len(v) == size
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v)
        )

    rows = data.get("weights")
    if not isinstance(rows, list) or len(rows) != k or not all(numbers(r, n) for r in rows):
        raise ClassModelError(f"{where}: field 'classes.weights' must be {k} rows of {n} finite numbers")
    if not numbers(data.get("bias"), k):
        raise ClassModelError(f"{where}: field 'classes.bias' must be {k} finite numbers")
    for key in ("mean", "scale"):
        if not numbers(data.get(key), n):
            raise ClassModelError(f"{where}: field 'classes.{key}' must be {n} finite numbers")
    if any(s <= 0 for s in data["scale"]):
        raise ClassModelError(f"{where}: field 'classes.scale' must be positive")
    fitted = data.get("fitted_on", {})
    return ClassModel(
        tuple(VerdictClass(x) for x in names),
        features,
        [[float(x) for x in r] for r in rows],
        [float(x) for x in data["bias"]],
        [float(x) for x in data["mean"]],
        [float(x) for x in data["scale"]],
        fitted if isinstance(fitted, dict) else {},
    )
