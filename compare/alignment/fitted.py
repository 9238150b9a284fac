"""Constants of the link model, written by `python benchmarks/fit.py --write` — do not edit by hand.

Fitted on the labelled cases of benchmarks/cases (the demo is not among them); the script prints
the leave-one-case-out figures that justify them.
"""
# Logistic model: log-odds = INTERCEPT + sum of WEIGHTS[f] * feature f (compare/alignment/scoring.py).
WEIGHTS = {"char": 1.0685, "word": -0.0517, "synonym": 0.5203, "lead": 1.9658, "fuzzy": 1.7746, "section": 0.3068, "entity": 1.0444, "topic": -0.8341, "contain_up": -0.2299, "contain_low": -0.2570, "row_share": 3.1610, "col_share": 2.5514, "topic_row_share": 0.9437, "topic_col_share": 0.6976}
INTERCEPT = -6.6385
# Isotonic calibration (model probability, share of such pairs the labels confirm), fitted on
# the out-of-fold probabilities.
CALIBRATION = (
    (0.0, 0.0),
    (0.00114, 0.0),
    (0.00159, 0.0),
    (0.00159, 0.00226),
    (0.00266, 0.00226),
    (0.00267, 0.00236),
    (0.00356, 0.00236),
    (0.00357, 0.00275),
    (0.0043, 0.00275),
    (0.00431, 0.00359),
    (0.00614, 0.00359),
    (0.00614, 0.00877),
    (0.00829, 0.00877),
    (0.0083, 0.01109),
    (0.01859, 0.01109),
    (0.01867, 0.02524),
    (0.02885, 0.02524),
    (0.02886, 0.02703),
    (0.03302, 0.02703),
    (0.03305, 0.03896),
    (0.04436, 0.03896),
    (0.0444, 0.04348),
    (0.05971, 0.04348),
    (0.05973, 0.05882),
    (0.09279, 0.05882),
    (0.09297, 0.09697),
    (0.18786, 0.09697),
    (0.18853, 0.2439),
    (0.26209, 0.2439),
    (0.26365, 0.24528),
    (0.38892, 0.24528),
    (0.39021, 0.33333),
    (0.3963, 0.33333),
    (0.40183, 0.35484),
    (0.49837, 0.35484),
    (0.49909, 0.5),
    (0.55352, 0.5),
    (0.55352, 0.53846),
    (0.58647, 0.53846),
    (0.59045, 0.58333),
    (0.63097, 0.58333),
    (0.63347, 0.65217),
    (0.69784, 0.65217),
    (0.69912, 0.75),
    (0.74037, 0.75),
    (0.75395, 0.84615),
    (0.81523, 0.84615),
    (0.82406, 1.0),
    (0.99438, 1.0),
    (1.0, 1.0),
)
# Link thresholds on the calibrated score: balanced maximises mean F1 over the cases, strict F0.5,
# lenient F2; STRONG best separates labelled strong links from weak ones; a task keeps at most
# ROW_LIMIT links above the threshold.
LINK = {"strict": 0.525, "balanced": 0.525, "lenient": 0.375}
STRONG = 0.600
ROW_LIMIT = 3
