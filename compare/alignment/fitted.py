"""Constants of the link models, written by `python benchmarks/fit.py --write` — do not edit by hand.

Fitted on the labelled cases of benchmarks/cases (the demo is not among them); the script prints
the leave-one-case-out figures that justify them. "meaning" uses the meaning features
(compare/alignment/meaning.py); "lexical" is used where the sentence model is missing or a
comparison is too large for it.

weights, intercept: a logistic model, log-odds = intercept + sum of weight × feature
(compare/alignment/scoring.py). calibration: isotonic (model probability, share of such pairs the
labels confirm), fitted on the out-of-fold probabilities. link: thresholds on the calibrated
score; balanced maximises the F1 of all cases' links pooled, strict F0.5, lenient F2. strong
best separates labelled strong links from weak ones among the linked pairs. row_limit: a task
keeps at most this many links above the threshold.
"""
MODELS = {
    "lexical": {
        "weights": {"char": 1.2173, "word": -0.0049, "synonym": 0.3120, "lead": 2.4845, "fuzzy": 2.2036, "section": -0.0758, "entity": 0.7542, "topic": -0.6244, "contain_up": 0.2546, "contain_low": -0.8906, "row_share": 3.1881, "col_share": 2.6152, "topic_row_share": 0.2948, "topic_col_share": 1.3837},
        "intercept": -6.7067,
        "calibration": ((0.0, 0.0), (0.00109, 0.0), (0.00163, 0.0), (0.00163, 0.00071), (0.00341, 0.00071), (0.00341, 0.00201), (0.00464, 0.00201), (0.00464, 0.00271), (0.00517, 0.00271), (0.00517, 0.0051), (0.00546, 0.0051), (0.00546, 0.00585), (0.0068, 0.00585), (0.0068, 0.00676), (0.0076, 0.00676), (0.00761, 0.00851), (0.01211, 0.00851), (0.01212, 0.00866), (0.01886, 0.00866), (0.01886, 0.01629), (0.02323, 0.01629), (0.02324, 0.02632), (0.02687, 0.02632), (0.02688, 0.03557), (0.04259, 0.03557), (0.04262, 0.05759), (0.08812, 0.05759), (0.08848, 0.0625), (0.0955, 0.0625), (0.09582, 0.1335), (0.23043, 0.1335), (0.23084, 0.1875), (0.24301, 0.1875), (0.2434, 0.22222), (0.25014, 0.22222), (0.25113, 0.26316), (0.26501, 0.26316), (0.26549, 0.28261), (0.36302, 0.28261), (0.36304, 0.32), (0.40295, 0.32), (0.40464, 0.38158), (0.56078, 0.38158), (0.56194, 0.5), (0.56801, 0.5), (0.56836, 0.57143), (0.73623, 0.57143), (0.73679, 0.82759), (0.79385, 0.82759), (0.79429, 0.96154), (0.86789, 0.96154), (0.87437, 1.0), (0.99808, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.600, "balanced": 0.525, "lenient": 0.200},
        "strong": 0.800,
        "row_limit": 3,
    },
    "meaning": {
        "weights": {"char": 1.0832, "word": -0.4657, "synonym": 0.7733, "lead": 2.0922, "fuzzy": 1.4795, "section": -0.2504, "entity": 0.7027, "topic": -0.8439, "contain_up": -0.2729, "contain_low": -1.2111, "row_share": 2.3648, "col_share": 1.8918, "topic_row_share": 0.1508, "topic_col_share": 1.3398, "meaning_z": 1.4104, "meaning_row_share": 2.2252, "meaning_col_share": 2.7771},
        "intercept": -9.8252,
        "calibration": ((0.0, 0.0), (0.00013, 0.0), (0.00081, 0.0), (0.00081, 0.00043), (0.00335, 0.00043), (0.00335, 0.00255), (0.00394, 0.00255), (0.00394, 0.00271), (0.0055, 0.00271), (0.0055, 0.00391), (0.00612, 0.00391), (0.00612, 0.00669), (0.00863, 0.00669), (0.00863, 0.00952), (0.01628, 0.00952), (0.01631, 0.00962), (0.02386, 0.00962), (0.0239, 0.01852), (0.0262, 0.01852), (0.02633, 0.04145), (0.03149, 0.04145), (0.0315, 0.05), (0.03275, 0.05), (0.03276, 0.05063), (0.04864, 0.05063), (0.04867, 0.05836), (0.08225, 0.05836), (0.08229, 0.07317), (0.08792, 0.07317), (0.08808, 0.07843), (0.10498, 0.07843), (0.10655, 0.11307), (0.19593, 0.11307), (0.19717, 0.125), (0.20493, 0.125), (0.20497, 0.15385), (0.22315, 0.15385), (0.22322, 0.26923), (0.24539, 0.26923), (0.24561, 0.35), (0.29841, 0.35), (0.29881, 0.36054), (0.55739, 0.36054), (0.56116, 0.41176), (0.58956, 0.41176), (0.59156, 0.48571), (0.69066, 0.48571), (0.69125, 0.5625), (0.73024, 0.5625), (0.73682, 0.71429), (0.76547, 0.71429), (0.76955, 0.75), (0.79648, 0.75), (0.80097, 0.93333), (0.86651, 0.93333), (0.86838, 1.0), (0.99812, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.725, "balanced": 0.425, "lenient": 0.175},
        "strong": 0.775,
        "row_limit": 4,
    },
}
