"""Analyses cross processes (the build's workers) and the analysis cache as pickles."""

import pickle

from sdg_analysis import analyse

ONE = "Police freed 120 victims of human trafficking from a forced labour camp; 14 traffickers were convicted."
TWO = "In another raid, officers freed 45 victims of human trafficking held in forced labour on fishing boats."


def test_an_analysis_reads_back_equal():
    analysis = analyse(ONE)
    assert analysis.targets and analysis.figures
    assert pickle.loads(pickle.dumps(analysis, pickle.HIGHEST_PROTOCOL)) == analysis


def test_analyses_read_back_share_terms_codes_and_figure_words():
    """Each article's analysis is read back on its own; what repeats across articles
    (matched terms, codes, origins, a figure's kind) is then held once."""
    one, two = (pickle.loads(pickle.dumps(analyse(text), pickle.HIGHEST_PROTOCOL)) for text in (ONE, TWO))
    label_one, label_two = one.label("8.7"), two.label("8.7")
    assert label_one is not None and label_two is not None
    assert label_one.code is label_two.code
    assert label_one.origin is label_two.origin
    terms_one = {t: t for label in one.all_labels() for ev in label.evidence for t in ev.terms}
    shared = [t for label in two.all_labels() for ev in label.evidence for t in ev.terms if t in terms_one]
    assert shared and all(t is terms_one[t] for t in shared)
    fig_one, fig_two = one.figures[0], two.figures[0]
    assert fig_one.kind == fig_two.kind and fig_one.kind is fig_two.kind
