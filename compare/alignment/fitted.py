"""Constants of the link model, written by `python benchmarks/fit.py --write` — do not edit by hand.

Fitted on the labelled cases of benchmarks/cases (the demo is not among them); the script prints
the leave-one-case-out figures that justify them.
"""
# Logistic model: log-odds = INTERCEPT + sum of WEIGHTS[f] * feature f (compare/alignment/scoring.py).
WEIGHTS = {"char": 1.0374, "word": -0.0968, "synonym": 0.5643, "lead": 1.8834, "fuzzy": 1.8069, "section": 0.4115, "entity": 1.0623, "topic": -0.9049, "contain_up": -0.1978, "contain_low": -0.3512, "row_share": 3.1522, "col_share": 2.5857, "topic_row_share": 0.9714, "topic_col_share": 0.7114}
INTERCEPT = -6.6389
# Isotonic calibration (model probability, share of such pairs the labels confirm), fitted on
# the out-of-fold probabilities.
CALIBRATION = (
    (0.0, 0.0),
    (0.00111, 0.0),
    (0.00153, 0.0),
    (0.00154, 0.00216),
    (0.00262, 0.00216),
    (0.00263, 0.00232),
    (0.00358, 0.00232),
    (0.00358, 0.00391),
    (0.00569, 0.00391),
    (0.0057, 0.00397),
    (0.00635, 0.00397),
    (0.00635, 0.00775),
    (0.00673, 0.00775),
    (0.00674, 0.00855),
    (0.00823, 0.00855),
    (0.00824, 0.01104),
    (0.01871, 0.01104),
    (0.01873, 0.02462),
    (0.02933, 0.02462),
    (0.02937, 0.03175),
    (0.0333, 0.03175),
    (0.03342, 0.0404),
    (0.03995, 0.0404),
    (0.03996, 0.04082),
    (0.04469, 0.04082),
    (0.04487, 0.04348),
    (0.06013, 0.04348),
    (0.06023, 0.05806),
    (0.09261, 0.05806),
    (0.09285, 0.07895),
    (0.10678, 0.07895),
    (0.10708, 0.10256),
    (0.18241, 0.10256),
    (0.18351, 0.16667),
    (0.18998, 0.16667),
    (0.19046, 0.21739),
    (0.23319, 0.21739),
    (0.23368, 0.23529),
    (0.2667, 0.23529),
    (0.26738, 0.27083),
    (0.38362, 0.27083),
    (0.3892, 0.28571),
    (0.41201, 0.28571),
    (0.41286, 0.40741),
    (0.48732, 0.40741),
    (0.4913, 0.42857),
    (0.50418, 0.42857),
    (0.50469, 0.5),
    (0.50763, 0.5),
    (0.5085, 0.51429),
    (0.63479, 0.51429),
    (0.63987, 0.65517),
    (0.71729, 0.65517),
    (0.7209, 0.8),
    (0.75062, 0.8),
    (0.75769, 0.81818),
    (0.82438, 0.81818),
    (0.8254, 1.0),
    (0.99388, 1.0),
    (1.0, 1.0),
)
# Link thresholds on the calibrated score: balanced maximises mean F1 over the cases, strict F0.5,
# lenient F2; STRONG best separates labelled strong links from weak ones; a task keeps at most
# ROW_LIMIT links above the threshold.
LINK = {"strict": 0.525, "balanced": 0.425, "lenient": 0.300}
STRONG = 0.550
ROW_LIMIT = 3
