"""sdg_analysis: the pure core of the SDG portal.

It knows the UN framework, analyses an article's text into goals, targets,
indicators and figures with evidence, validates an editor's front matter, and
renders the analysis sections. It never imports Pelican.
"""

from .analysis import ANALYSER_VERSION, analyse, apply_editor
from .framework import Framework, Goal, Indicator, Target, load_framework
from .frontmatter import EditorInput, parse_frontmatter
from .model import Analysis, Evidence, Figure, Label, Packed, unpacked
from .problems import Problem

__all__ = [
    "ANALYSER_VERSION",
    "Analysis",
    "EditorInput",
    "Evidence",
    "Figure",
    "Framework",
    "Goal",
    "Indicator",
    "Label",
    "Packed",
    "Problem",
    "Target",
    "analyse",
    "apply_editor",
    "load_framework",
    "parse_frontmatter",
    "unpacked",
]
