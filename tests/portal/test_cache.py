"""An unchanged article is not analysed again: analyses are cached in Pelican's cache folder."""

import shutil

import sdg_portal.workers as workers_module
from support import ROOT, build_site


def build(content, out, cache):
    return build_site(
        content,
        out,
        SDG_ANALYSIS_CACHE=True,
        CACHE_PATH=str(cache),
        SDG_AUTO_ANALYSIS=True,
    )


def test_rebuild_analyses_only_what_changed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", content)
    cache = tmp_path / "cache"
    calls = []
    real = workers_module.analyse

    def counting(text, *args, **kwargs):
        calls.append(text.split("\n", 1)[0])
        return real(text, *args, **kwargs)

    monkeypatch.setattr(workers_module, "analyse", counting)

    build(content, tmp_path / "out1", cache)
    assert len(calls) == 5
    assert (cache / "sdg_analysis").exists()

    calls.clear()
    build(content, tmp_path / "out2", cache)
    assert calls == []
    assert (tmp_path / "out1" / "sdg" / "16" / "index.html").read_text() == (
        tmp_path / "out2" / "sdg" / "16" / "index.html"
    ).read_text()

    calls.clear()
    article = content / "articles" / "solar-schools.md"
    article.write_text(article.read_text().replace("after dark.", "after dark, and teachers report better results."))
    build(content, tmp_path / "out3", cache)
    assert calls == ["Solar panels reach rural schools"]


def test_editor_change_invalidates_the_cached_analysis(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", content)
    cache = tmp_path / "cache"
    build(content, tmp_path / "out1", cache)
    article = content / "articles" / "solar-schools.md"
    article.write_text(article.read_text().replace('targets: ["7.1", "4.a"]', 'targets: ["7.1", "4.a", "7.2"]'))
    out = build(content, tmp_path / "out2", cache)
    page = (out / "articles" / "2024" / "solar-schools" / "index.html").read_text()
    assert "Target 7.2" in page
