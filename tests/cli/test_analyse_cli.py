"""sdg-portal analyse FILE: the analysis of one article file, as text or JSON."""

import json

import yaml

from sdg_analysis import parse_frontmatter
from sdg_portal.cli import main

ARTICLE = """---
title: "Rescued fishermen tell of forced labour at sea"
date: 2025-03-01
source:
  name: Fixture Wire
  url: https://example.org/news
summary: Crew freed from trawlers.
tags: [labour]
{sdg}---

Twenty crew members were rescued from two trawlers where they had been held in forced labour
for months. Their passports had been confiscated and they were told they owed recruitment debts.

Police arrested the captains, and prosecutors charged them with human trafficking.
"""


def write(tmp_path, sdg=""):
    path = tmp_path / "rescued.md"
    path.write_text(ARTICLE.format(sdg=sdg), encoding="utf-8")
    return path


def test_json_has_goals_and_targets_with_code_score_origin_evidence(runner, tmp_path):
    result = runner.invoke(main, ["analyse", "--format", "json", str(write(tmp_path))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "8" in [g["code"] for g in data["goals"]]
    assert "8.7" in [t["code"] for t in data["targets"]]
    text = "Rescued fishermen tell of forced labour at sea"
    for label in data["goals"] + data["targets"]:
        assert set(label) >= {"code", "score", "origin", "evidence"}
        assert 0 < label["score"] <= 1 and label["origin"] == "analyser"
        for ev in label["evidence"]:
            assert ev["end"] - ev["start"] == len(ev["sentence"]) and ev["terms"]
    title_evidence = [ev for t in data["targets"] if t["code"] == "8.7" for ev in t["evidence"] if ev["start"] == 0]
    assert title_evidence and title_evidence[0]["sentence"] == text


def test_text_shows_evidence_and_ends_with_a_block_to_paste(runner, tmp_path, fw):
    result = runner.invoke(main, ["analyse", str(write(tmp_path))])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "SDG 8  Decent work and economic growth" in out
    assert "Target 8.7" in out
    assert "«forced labour»" in out
    block = out[out.index("\nsdg:") + 1 :]
    parsed = yaml.safe_load(block)
    editor, problems = parse_frontmatter(parsed, framework=fw)
    assert not problems
    assert "8" in editor.goals and "8.7" in editor.targets


def test_the_editor_block_is_applied(runner, tmp_path):
    sdg = 'sdg:\n  goals: [14]\n  exclude: ["16"]\n  notes: "Checked."\n'
    result = runner.invoke(main, ["analyse", "--format", "json", str(write(tmp_path, sdg))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    goals = {g["code"]: g["origin"] for g in data["goals"]}
    assert goals.get("14") == "editor"
    assert "16" not in goals and not [t for t in data["targets"] if t["code"].startswith("16.")]
    assert data["notes"] == "Checked."
    text = runner.invoke(main, ["analyse", str(write(tmp_path, sdg))]).stdout
    assert 'exclude: ["16"]' in text and 'notes: "Checked."' in text


def test_problems_of_the_file_go_to_stderr(runner, tmp_path):
    sdg = 'sdg:\n  targets: ["8.77"]\n'
    result = runner.invoke(main, ["analyse", str(write(tmp_path, sdg))])
    assert result.exit_code == 0
    assert "8.77 is not a target" in result.stderr
    assert "Target 8.7 " in result.stdout


def test_a_file_without_front_matter_is_refused(runner, tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("Just a paragraph about forced labour.\n", encoding="utf-8")
    result = runner.invoke(main, ["analyse", str(path)])
    assert result.exit_code == 1
    assert "no YAML front matter" in result.stderr
