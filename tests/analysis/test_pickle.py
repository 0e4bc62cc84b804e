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


# -- an analysis kept packed: what a build holds for each article ----------------------
from sdg_analysis import Analysis, Packed, unpacked  # noqa: E402


def test_a_packed_analysis_answers_as_the_analysis_does():
    analysis = analyse(ONE)
    packed = Packed.of(analysis)
    assert Packed.of(packed) is packed  # packed once
    assert packed.goal_codes == analysis.goal_codes and isinstance(packed.goal_codes, list)
    assert packed.target_codes == analysis.target_codes and packed.indicator_codes == analysis.indicator_codes
    assert packed.figures == analysis.figures and packed.label("8.7") == analysis.label("8.7")
    assert unpacked(packed) == analysis and unpacked(analysis) is analysis
    assert packed == analysis and analysis == packed and packed == Packed.of(analysis)
    assert packed != Packed.of(analyse(TWO))
    assert bool(packed) and not Packed.of(Analysis()) and Packed.of(Analysis()).goal_codes == []


def test_a_packed_analysis_is_unpickled_once_for_a_page_that_reads_it_often():
    one, two = Packed.of(analyse(ONE)), Packed.of(analyse(TWO))
    first = one.analysis()
    assert one.analysis() is first and one.targets is first.targets
    assert two.analysis() is not first  # another article's: the last one is kept, not all
    assert one.analysis() is not first and one.analysis() == first


def test_a_packed_analysis_crosses_processes_as_its_pickle_and_codes():
    packed = Packed.of(analyse(ONE))
    back = pickle.loads(pickle.dumps(packed, pickle.HIGHEST_PROTOCOL))
    assert back.data == packed.data and back == packed
    assert back.goal_codes[0] is packed.goal_codes[0]  # codes interned
    assert len(pickle.dumps(packed, pickle.HIGHEST_PROTOCOL)) < len(packed.data) + 200  # the bytes as they are
    assert len(packed.data) < 0.7 * len(pickle.dumps(packed.analysis(), pickle.HIGHEST_PROTOCOL))  # compressed
