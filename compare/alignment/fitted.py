"""Constants of the link model, written by `python benchmarks/fit.py --write` — do not edit by hand.

Fitted on the labelled cases of benchmarks/cases (the demo is not among them); the script prints
the leave-one-case-out figures that justify them.
"""
# Logistic model: log-odds = INTERCEPT + sum of WEIGHTS[f] * feature f (compare/alignment/scoring.py).
WEIGHTS = {"char": 1.0235, "word": -0.0998, "synonym": 0.5509, "lead": 1.8748, "fuzzy": 1.8624, "section": 0.3893, "entity": 1.0451, "topic": -0.8055, "contain_up": -0.1654, "contain_low": -0.4314, "row_share": 3.2324, "col_share": 2.6065, "topic_row_share": 0.7374, "topic_col_share": 0.7210}
INTERCEPT = -6.5671
# Isotonic calibration (model probability, share of such pairs the labels confirm), fitted on
# the out-of-fold probabilities.
CALIBRATION = (
    (0.0, 0.0),
    (0.00122, 0.0),
    (0.00168, 0.0),
    (0.00168, 0.00159),
    (0.00314, 0.00159),
    (0.00314, 0.00313),
    (0.0038, 0.00313),
    (0.0038, 0.00361),
    (0.00598, 0.00361),
    (0.00599, 0.00601),
    (0.00701, 0.00601),
    (0.00701, 0.0087),
    (0.00742, 0.0087),
    (0.00742, 0.01058),
    (0.01991, 0.01058),
    (0.01992, 0.02128),
    (0.02113, 0.02128),
    (0.02113, 0.02895),
    (0.03699, 0.02895),
    (0.03711, 0.05313),
    (0.07726, 0.05313),
    (0.07734, 0.07273),
    (0.08912, 0.07273),
    (0.08922, 0.08621),
    (0.10762, 0.08621),
    (0.10775, 0.10256),
    (0.18135, 0.10256),
    (0.18196, 0.14286),
    (0.18467, 0.14286),
    (0.18536, 0.2449),
    (0.25732, 0.2449),
    (0.25868, 0.26154),
    (0.40156, 0.26154),
    (0.40929, 0.4),
    (0.42231, 0.4),
    (0.42445, 0.40741),
    (0.49314, 0.40741),
    (0.49414, 0.52381),
    (0.55536, 0.52381),
    (0.55914, 0.52941),
    (0.627, 0.52941),
    (0.62928, 0.6),
    (0.64939, 0.6),
    (0.64975, 0.65217),
    (0.71122, 0.65217),
    (0.71294, 0.75),
    (0.75559, 0.75),
    (0.76154, 0.83333),
    (0.83029, 0.83333),
    (0.84001, 1.0),
    (0.99374, 1.0),
    (1.0, 1.0),
)
# Link thresholds on the calibrated score: balanced maximises the F1 of all cases' links pooled, strict F0.5,
# lenient F2; STRONG best separates labelled strong links from weak ones; a task keeps at most
# ROW_LIMIT links above the threshold.
LINK = {"strict": 0.675, "balanced": 0.525, "lenient": 0.325}
STRONG = 0.625
ROW_LIMIT = 3
