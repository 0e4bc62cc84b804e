"""apply_editor: the editor's labels are added or confirmed, exclusions remove subtrees."""

from sdg_analysis import EditorInput, analyse
from sdg_analysis.analysis import apply_editor
from sdg_analysis.model import Analysis, Evidence, Label


def auto_analysis():
    ev = Evidence("Children were forced to work.", 0, 29, ("forced to work",), ((14, 28),))
    return Analysis(
        goals=[Label("8", 0.9, evidence=[ev]), Label("4", 0.4)],
        targets=[Label("8.7", 0.9, evidence=[ev]), Label("4.1", 0.4)],
        indicators=[Label("8.7.1", 0.5)],
    )


def test_editor_labels_are_added_with_their_origin():
    result = apply_editor(auto_analysis(), EditorInput(goals=["16"], targets=["16.2"]))
    assert result.goal_codes == ["4", "8", "16"]
    assert result.label("16").origin == "editor"
    assert result.label("8").origin == "analyser"


def test_confirmed_label_keeps_analyser_evidence_and_says_editor():
    result = apply_editor(auto_analysis(), EditorInput(goals=["8"], targets=["8.7"]))
    label = result.label("8.7")
    assert label.origin == "editor"
    assert label.evidence and label.evidence[0].terms == ("forced to work",)


def test_exclusion_removes_the_goal_and_everything_under_it():
    result = apply_editor(auto_analysis(), EditorInput(exclude=["8"]))
    assert result.goal_codes == ["4"]
    assert result.target_codes == ["4.1"]
    assert result.indicator_codes == []


def test_excluding_a_target_keeps_its_goal():
    result = apply_editor(auto_analysis(), EditorInput(exclude=["8.7"]))
    assert "8" in result.goal_codes
    assert result.target_codes == ["4.1"]
    assert result.indicator_codes == []


def test_auto_false_leaves_only_the_editor_labels():
    result = analyse("Children were forced to work in mines.", editor=EditorInput(goals=["3"], auto=False))
    assert result.goal_codes == ["3"]
    assert result.auto is False
    assert all(label.origin == "editor" for label in result.all_labels())


def test_notes_are_carried():
    result = analyse("Some text.", editor=EditorInput(goals=["1"], notes="Checked by the desk."))
    assert result.notes == "Checked by the desk."


def test_a_figure_tied_to_an_indicator_makes_the_indicator_a_label():
    text = "Floods hit the valley.\\n\\nOfficers freed 42 workers held on three vessels."
    editor = EditorInput(
        goals=["16"], targets=["16.2"], auto=False,
        figures=[{"value": 42, "counts": "workers freed", "sentence": "freed 42 workers", "indicator": "16.2.2"}],
    )
    result = analyse(text, editor=editor)
    label = result.label("16.2.2")
    assert label is not None and label.origin == "editor"
    assert label.evidence and "freed 42 workers" in label.evidence[0].sentence


def test_an_editor_figure_pinned_to_an_unlisted_target_brings_the_target_and_goal():
    editor = EditorInput(auto=False, figures=[{"value": 3, "counts": "dams", "target": "6.5"}])
    result = analyse("Three dams were built.", editor=editor)
    assert "6.5" in result.target_codes and "6" in result.goal_codes


def test_an_editor_figure_without_a_target_is_shown_as_another_figure():
    from sdg_analysis.render import render_section

    editor = EditorInput(goals=["1"], auto=False, figures=[{"value": 7, "counts": "villages"}])
    result = analyse("Seven villages joined.", editor=editor)
    assert [f.target for f in result.figures] == [None]
    html = str(render_section(result, lambda code: f"sdg/{code}/"))
    assert "Other figures reported" in html and "villages" in html
