"""Analyses as plain dicts, ready for JSON; the shape carries ``schema_version``."""

from __future__ import annotations

from .model import Analysis, Evidence, Figure, Label

SCHEMA_VERSION = 1


def evidence_to_dict(ev: Evidence) -> dict:
    return {
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "terms": list(ev.terms),
    }


def label_to_dict(label: Label) -> dict:
    return {
        "code": label.code,
        "score": round(label.score, 4),
        "origin": label.origin,
        "evidence": [evidence_to_dict(e) for e in label.evidence],
    }


def figure_to_dict(fig: Figure) -> dict:
    return {
        "value": fig.value,
        "high": fig.high,
        "text": fig.text,
        "qualifier": fig.qualifier,
        "counts": fig.counts,
        "unit": fig.unit,
        "kind": fig.kind,
        "currency": fig.currency,
        "sentence": fig.sentence,
        "start": fig.evidence.start if fig.evidence else None,
        "end": fig.evidence.end if fig.evidence else None,
        "marks": [list(m) for m in fig.evidence.marks] if fig.evidence else [],
        "target": fig.target,
        "indicator": fig.indicator,
        "score": round(fig.score, 4),
        "origin": fig.origin,
    }


def analysis_to_dict(analysis: Analysis) -> dict:
    return {
        "analyser_version": analysis.version,
        "auto": analysis.auto,
        "goals": [label_to_dict(g) for g in analysis.goals],
        "targets": [label_to_dict(t) for t in analysis.targets],
        "indicators": [label_to_dict(i) for i in analysis.indicators],
        "figures": [figure_to_dict(f) for f in analysis.figures],
        "notes": analysis.notes,
    }
