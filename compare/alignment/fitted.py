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
        "weights": {"char": 1.1513, "word": -0.3892, "synonym": 0.1019, "lead": 1.0100, "fuzzy": 1.6460, "section": -0.0203, "entity": 1.5016, "topic": -1.1540, "contain_up": -0.3099, "contain_low": -1.0140, "row_share": 3.8235, "col_share": 3.1904, "topic_row_share": 0.5095, "topic_col_share": 1.5424},
        "intercept": -7.3552,
        "calibration": ((0.0, 0.0), (0.00054, 0.0), (0.0008, 0.0), (0.0008, 0.0001), (0.00183, 0.0001), (0.00183, 0.00117), (0.00368, 0.00117), (0.00368, 0.00631), (0.00775, 0.00631), (0.00775, 0.0097), (0.01225, 0.0097), (0.01225, 0.02174), (0.01475, 0.02174), (0.01476, 0.02419), (0.01785, 0.02419), (0.01786, 0.02614), (0.02022, 0.02614), (0.02027, 0.02976), (0.02827, 0.02976), (0.0283, 0.05), (0.03269, 0.05), (0.03273, 0.05963), (0.07571, 0.05963), (0.07572, 0.10876), (0.15956, 0.10876), (0.15987, 0.12069), (0.19602, 0.12069), (0.19604, 0.15625), (0.21192, 0.15625), (0.21287, 0.19048), (0.25353, 0.19048), (0.25422, 0.25926), (0.27635, 0.25926), (0.27644, 0.28205), (0.33054, 0.28205), (0.33194, 0.36552), (0.56529, 0.36552), (0.56832, 0.48148), (0.65085, 0.48148), (0.6541, 0.57143), (0.67174, 0.57143), (0.67935, 0.70213), (0.75241, 0.70213), (0.75547, 0.72727), (0.76413, 0.72727), (0.76557, 0.78788), (0.82567, 0.78788), (0.82798, 0.87755), (0.86903, 0.87755), (0.87013, 0.93182), (0.89957, 0.93182), (0.90719, 1.0), (0.99082, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.725, "balanced": 0.425, "lenient": 0.350},
        "strong": 0.725,
        "row_limit": 4,
    },
    "meaning": {
        "weights": {"char": 1.2580, "word": -0.9199, "synonym": 0.5079, "lead": 0.7530, "fuzzy": 1.0529, "section": -0.0858, "entity": 1.4665, "topic": -1.0948, "contain_up": -0.7206, "contain_low": -1.4426, "row_share": 2.7212, "col_share": 2.2198, "topic_row_share": 0.2052, "topic_col_share": 1.5891, "meaning_z": 1.1009, "meaning_row_share": 3.0792, "meaning_col_share": 3.5445},
        "intercept": -11.5200,
        "calibration": ((0.0, 0.0), (5e-05, 0.0), (0.00038, 0.0), (0.00038, 0.00012), (0.00139, 0.00012), (0.00139, 0.00043), (0.00224, 0.00043), (0.00224, 0.00152), (0.00265, 0.00152), (0.00265, 0.00236), (0.00298, 0.00236), (0.00299, 0.00247), (0.00383, 0.00247), (0.00383, 0.00355), (0.005, 0.00355), (0.005, 0.0039), (0.00606, 0.0039), (0.00606, 0.00893), (0.01138, 0.00893), (0.01138, 0.01832), (0.02083, 0.01832), (0.02084, 0.02857), (0.02203, 0.02857), (0.02205, 0.04219), (0.03619, 0.04219), (0.0362, 0.06159), (0.08377, 0.06159), (0.08406, 0.08609), (0.16273, 0.08609), (0.16281, 0.10526), (0.17, 0.10526), (0.17048, 0.12698), (0.20986, 0.12698), (0.20999, 0.2), (0.22042, 0.2), (0.22062, 0.23077), (0.22942, 0.23077), (0.22985, 0.275), (0.25868, 0.275), (0.25869, 0.34177), (0.4466, 0.34177), (0.4473, 0.38095), (0.60813, 0.38095), (0.61283, 0.53659), (0.69185, 0.53659), (0.69234, 0.57447), (0.78225, 0.57447), (0.7833, 0.75), (0.79347, 0.75), (0.79825, 0.90476), (0.82479, 0.90476), (0.82482, 0.96748), (0.91717, 0.96748), (0.91735, 1.0), (0.99124, 1.0), (1.0, 1.0),),
        "link": {"strict": 0.775, "balanced": 0.550, "lenient": 0.250},
        "strong": 0.775,
        "row_limit": 3,
    },
}
