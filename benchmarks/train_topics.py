"""Train the policy-topic model that lets the matcher see the same subject in other words.

usage: python benchmarks/train_topics.py      (needs pip install -e ".[fit]" and ../shared)

Latent semantic analysis over the paragraphs of the policy corpus (../shared/corpus): words that
occur in the same paragraphs across 190-odd central and provincial policies (高新技术企业 with
科技型中小企业 and 瞪羚企业, 气候投融资 with 碳排放交易) end up near each other. The model is
trained WITHOUT the documents of any labelled case or chain and without the reserved blind-test
rows, so benchmarks/fit.py can judge on the cases whether it helps (its ablation prints the
out-of-fold F1 without the topic features). Writes compare/alignment/data/policy_topics.npz: the
vocabulary, its IDF and the word × topic matrix (float16).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_cases import CORPUS, PROJECT, RESERVED, case_paths, load_case  # noqa: E402
from compare.alignment.features import BOILERPLATE_WORDS, words  # noqa: E402
from compare.documents.normalize import matching_key  # noqa: E402

OUT = PROJECT / "compare" / "alignment" / "data" / "policy_topics.npz"
TOPICS = 128
MIN_DF = 4  # a word must occur in this many paragraphs to get a topic vector
MAX_DF = 0.05  # words in more than this share of paragraphs are policy boilerplate
SEED = 20261130


def _labelled_documents() -> set[tuple[str, int]]:
    rows: set[tuple[str, int]] = set()
    for path in case_paths():
        case = load_case(path)
        rows |= {(case[side]["sheet"], case[side]["no"]) for side in ("upper", "lower")}
    for path in (PROJECT / "benchmarks" / "chains").glob("*.json"):
        for level in json.loads(path.read_text(encoding="utf-8"))["levels"]:
            rows.add((level["sheet"], level["no"]))
    return rows


def corpus_paragraphs() -> list[str]:
    import openpyxl

    excluded = RESERVED | _labelled_documents()
    workbook = openpyxl.load_workbook(CORPUS, read_only=True)
    paragraphs: list[str] = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(min_row=2, values_only=True):
                if (sheet.title, row[0]) in excluded or not isinstance(row[5], str):
                    continue
                for line in re.split(r"[\r\n]+", row[5]):
                    line = line.strip().replace("\u3000", "")
                    if len(line) >= 20:
                        paragraphs.append(matching_key(line))
    finally:
        workbook.close()
    return paragraphs


def analyse(paragraph: str) -> list[str]:
    return [w for w in words(paragraph) if len(w) >= 2 and w not in BOILERPLATE_WORDS and not w.isdigit()]


def main() -> None:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent: the topic model is trained on the shared corpus")
    paragraphs = corpus_paragraphs()
    vectorizer = TfidfVectorizer(analyzer=analyse, min_df=MIN_DF, max_df=MAX_DF, sublinear_tf=True)
    matrix = vectorizer.fit_transform(paragraphs)
    svd = TruncatedSVD(n_components=TOPICS, random_state=SEED, algorithm="randomized", n_iter=7)
    svd.fit(matrix)
    vocabulary = np.array(vectorizer.get_feature_names_out())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        vocabulary=vocabulary.astype(str),  # fixed-width text: loads without pickle
        idf=vectorizer.idf_.astype(np.float32),
        topics=svd.components_.T.astype(np.float16),
    )
    print(
        f"{len(paragraphs)} paragraphs, {len(vocabulary)} words, {TOPICS} topics "
        f"({svd.explained_variance_ratio_.sum():.1%} of the variance); wrote {OUT.relative_to(PROJECT)} "
        f"({OUT.stat().st_size // 1024} KB)"
    )


if __name__ == "__main__":
    main()
