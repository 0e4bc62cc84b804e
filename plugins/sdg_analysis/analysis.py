"""``analyse(text)``: the goals, targets, indicators and figures of one article.

The automatic part (:func:`detect`) finds labels with evidence; the editor's ``sdg:``
block (:class:`~sdg_analysis.frontmatter.EditorInput`) is applied on top of it by
:func:`apply_editor`: labels the editor lists are added or confirmed (origin
``editor``), labels in ``exclude`` are removed with everything under them, and
``auto: false`` leaves only what the editor wrote.
"""

from __future__ import annotations

from . import codes as _codes
from .framework import Framework, load_framework
from .frontmatter import EditorInput
from .figure_links import attach_figures
from .model import EDITOR, Analysis, Label
from .text import Sentence, split_sentences

#: Part of the cache key of stored analyses: change it whenever rules or logic change.
ANALYSER_VERSION = "0.3.2"


def detect(text: str, framework: Framework, sentences: list[Sentence]) -> Analysis:
    """The automatic analysis of plain text split into ``sentences``.

    The rule-based analyser of :mod:`sdg_analysis.matcher`: goals and targets from
    the rule tables under ``data/rules/``, each with its evidence sentences.
    """
    from .matcher import detect as detect_labels

    analysis = detect_labels(text, framework, sentences)
    analysis.version = ANALYSER_VERSION
    return analysis


def analyse(text: str, framework: Framework | None = None, editor: EditorInput | None = None) -> Analysis:
    """Analyse the plain text of an article, then apply the editor's curation."""
    fw = framework or load_framework()
    editor = editor or EditorInput()
    sentences = split_sentences(text)
    analysis = detect(text, fw, sentences) if editor.auto else Analysis(version=ANALYSER_VERSION)
    analysis.auto = editor.auto
    analysis = attach_figures(apply_editor(analysis, editor), text, sentences, editor, fw)
    return label_figure_codes(analysis)


def label_figure_codes(analysis: Analysis) -> Analysis:
    """Make every indicator and target a figure is tied to a label of the article.

    A figure the analyser ties to an official indicator is evidence that the
    article speaks to that indicator; a figure an editor pins to a target or an
    indicator says the editor wants it there. Either way the page lists it under
    that label, so the label must exist (with the figure's sentence as evidence).
    """
    if not analysis.figures:
        return analysis
    added = False
    # The codes of each kind's labels, looked up rather than analysis.label() scanning
    # a list (and building a dict) for each of a figure's three codes; a code is found
    # only among the labels of its own kind, as analysis.label() finds it.
    lists = (analysis.goals, analysis.targets, analysis.indicators)
    have = tuple({label.code for label in labels} for labels in lists)
    for fig in analysis.figures:
        for code in (_codes.goal_of(fig.target) if fig.target else None, fig.target, fig.indicator):
            if code is None:
                continue
            kind = code.count(".")  # _codes.kind_of(code), as an index
            if code not in have[kind]:
                evidence = [fig.evidence] if fig.evidence else []
                lists[kind].append(Label(code=code, score=fig.score, origin=fig.origin, evidence=evidence))
                have[kind].add(code)
                added = True
    if added:
        for labels in (analysis.goals, analysis.targets, analysis.indicators):
            labels.sort(key=_label_order)
    return analysis


#: codes.sort_key by code: every article sorts its labels, once or twice, and their
#: codes are mostly the framework's few hundred (bounded: an editor may write others).
_SORT_KEYS: dict[str, tuple] = {}
_SORT_KEYS_LIMIT = 10_000


def _label_order(label: Label) -> tuple:
    """The sort key of a label: :func:`codes.sort_key` of its code, kept per code."""
    key = _SORT_KEYS.get(label.code)
    if key is None:
        key = _codes.sort_key(label.code)
        if len(_SORT_KEYS) < _SORT_KEYS_LIMIT:
            _SORT_KEYS[label.code] = key
    return key


def _excluded(code: str, exclude: list[str]) -> bool:
    return any(code == e or code.startswith(e + ".") for e in exclude)


def apply_editor(analysis: Analysis, editor: EditorInput) -> Analysis:
    """Add, confirm and exclude labels as the editor asked; keep parents consistent."""
    for kind, codes in (("goal", editor.goals), ("target", editor.targets), ("indicator", editor.indicators)):
        labels = analysis.labels(kind)
        for code in codes:
            label = analysis.label(code)
            if label is None:
                labels.append(Label(code=code, score=1.0, origin=EDITOR))
            else:
                label.origin = EDITOR

    if editor.exclude:
        analysis.goals[:] = [g for g in analysis.goals if not _excluded(g.code, editor.exclude)]
        analysis.targets[:] = [t for t in analysis.targets if not _excluded(t.code, editor.exclude)]
        analysis.indicators[:] = [i for i in analysis.indicators if not _excluded(i.code, editor.exclude)]
        analysis.figures[:] = [
            f
            for f in analysis.figures
            if not (f.target and _excluded(f.target, editor.exclude))
            and not (f.indicator and _excluded(f.indicator, editor.exclude))
        ]

    # Every target's goal and every indicator's target is present.
    goals = {g.code for g in analysis.goals}
    targets = {t.code for t in analysis.targets}
    analysis.indicators[:] = [i for i in analysis.indicators if _codes.target_of(i.code) in targets]
    analysis.targets[:] = [t for t in analysis.targets if _codes.goal_of(t.code) in goals]

    analysis.goals.sort(key=_label_order)
    analysis.targets.sort(key=_label_order)
    analysis.indicators.sort(key=_label_order)
    if editor.notes:
        analysis.notes = editor.notes
    return analysis


def forget_tables() -> None:
    """Let go of the compiled rule tables and the look-ups made from them (some
    11 MiB): the next analysis in this process compiles them again (0.2 s).

    A build that analyses in worker processes compiles the tables only for the
    workers to share when they fork (:mod:`sdg_portal.workers`); let go of in the
    build once they have, their memory takes the articles the build reads next.
    """
    from .figure_links import _all_target_lookups, _indicators_by_target
    from .indicator_terms import rules_for
    from .rules import load_rules

    load_rules.cache_clear()
    rules_for.cache_clear()
    _all_target_lookups.cache_clear()
    _indicators_by_target.cache_clear()
