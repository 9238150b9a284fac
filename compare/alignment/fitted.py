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
        "weights": {"char": 1.0235, "word": -0.0998, "synonym": 0.5509, "lead": 1.8748, "fuzzy": 1.8624, "section": 0.3893, "entity": 1.0451, "topic": -0.8055, "contain_up": -0.1654, "contain_low": -0.4314, "row_share": 3.2324, "col_share": 2.6065, "topic_row_share": 0.7374, "topic_col_share": 0.7210},
        "intercept": -6.5671,
        "calibration": ((0.0, 0.0), (0.00122, 0.0), (0.00168, 0.0), (0.00168, 0.00159), (0.00314, 0.00159), (0.00314, 0.00313), (0.0038, 0.00313), (0.0038, 0.00361), (0.00598, 0.00361), (0.00599, 0.00601), (0.00701, 0.00601), (0.00701, 0.0087), (0.00742, 0.0087), (0.00742, 0.01058), (0.01991, 0.01058), (0.01992, 0.02128), (0.02113, 0.02128), (0.02113, 0.02895), (0.03699, 0.02895), (0.03711, 0.05313), (0.07726, 0.05313), (0.07734, 0.07273), (0.08912, 0.07273), (0.08922, 0.08621), (0.10762, 0.08621), (0.10775, 0.10256), (0.18136, 0.10256), (0.18196, 0.14286), (0.18468, 0.14286), (0.18536, 0.2449), (0.25732, 0.2449), (0.25868, 0.26154), (0.40157, 0.26154), (0.40929, 0.4), (0.42231, 0.4), (0.42446, 0.40741), (0.49314, 0.40741), (0.49414, 0.52381), (0.55536, 0.52381), (0.55914, 0.52941), (0.627, 0.52941), (0.62927, 0.6), (0.64939, 0.6), (0.64974, 0.65217), (0.71122, 0.65217), (0.71294, 0.75), (0.75559, 0.75), (0.76154, 0.83333), (0.83029, 0.83333), (0.84001, 1.0), (0.99374, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.675, "balanced": 0.525, "lenient": 0.325},
        "strong": 0.850,
        "row_limit": 3,
    },
    "meaning": {
        "weights": {"char": 0.5878, "word": -0.4947, "synonym": 0.8963, "lead": 1.4044, "fuzzy": 0.9287, "section": 0.1764, "entity": 0.9968, "topic": -1.1752, "contain_up": -0.4850, "contain_low": -0.8927, "row_share": 2.4539, "col_share": 1.6761, "topic_row_share": 0.5778, "topic_col_share": 0.6863, "meaning_z": 1.9948, "meaning_row_share": 2.2688, "meaning_col_share": 3.0961},
        "intercept": -9.8935,
        "calibration": ((0.0, 0.0), (8e-05, 0.0), (0.00065, 0.0), (0.00065, 0.00087), (0.00235, 0.00087), (0.00236, 0.0015), (0.00371, 0.0015), (0.00371, 0.00439), (0.00635, 0.00439), (0.00636, 0.00825), (0.01285, 0.00825), (0.01285, 0.00952), (0.01656, 0.00952), (0.01659, 0.01266), (0.01852, 0.01266), (0.01855, 0.01739), (0.02515, 0.01739), (0.02521, 0.02885), (0.03057, 0.02885), (0.03058, 0.04335), (0.0635, 0.04335), (0.06393, 0.07759), (0.09299, 0.07759), (0.09322, 0.08475), (0.1382, 0.08475), (0.13845, 0.12903), (0.21636, 0.12903), (0.22081, 0.325), (0.28296, 0.325), (0.2844, 0.33333), (0.30668, 0.33333), (0.30691, 0.36047), (0.53948, 0.36047), (0.54608, 0.36364), (0.58758, 0.36364), (0.5904, 0.5), (0.59142, 0.5), (0.59188, 0.5625), (0.64386, 0.5625), (0.65304, 0.73684), (0.72278, 0.73684), (0.73854, 0.8), (0.79127, 0.8), (0.79972, 0.83333), (0.86186, 0.83333), (0.86266, 1.0), (0.9942, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.575, "balanced": 0.575, "lenient": 0.350},
        "strong": 0.825,
        "row_limit": 3,
    },
}
