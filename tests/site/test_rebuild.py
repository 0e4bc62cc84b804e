"""Builds one after another in the same process, as `make serve` runs them: nothing of
a build is kept once the next one starts."""

import gc
import logging
import os
import shutil
import weakref

import pytest

from pelican.contents import Content

from support import ROOT, build_site


def test_a_rebuild_lets_go_of_the_build_before(tmp_path, caplog):
    # pytest keeps a test's log records, and with them their arguments (generators)
    caplog.set_level(logging.WARNING)
    memo = [Content.__dict__[name].cache for name in ("get_content", "get_summary")]
    build_site(ROOT / "content", tmp_path / "first")
    first = [weakref.ref(article) for table in memo for article, _ in table]
    assert first, "the first build rendered content"
    build_site(ROOT / "content", tmp_path / "second")
    gc.collect()
    assert [ref for ref in first if ref() is not None] == []
    per_build = {id(article) for table in memo for article, _ in table}
    assert 0 < len(per_build) <= len(first)  # only the second build's


def test_a_build_after_one_that_failed_is_whole(tmp_path, monkeypatch):
    import pytest
    from pelican.generators import ArticlesGenerator

    real = ArticlesGenerator.generate_output

    def theme_error(self, writer):
        raise RuntimeError("a template failed")

    monkeypatch.setattr(ArticlesGenerator, "generate_output", theme_error)
    with pytest.raises(RuntimeError, match="a template failed"):
        build_site(ROOT / "content", tmp_path / "failed")
    monkeypatch.setattr(ArticlesGenerator, "generate_output", real)
    out = build_site(ROOT / "content", tmp_path / "second")
    # the failed build's sitemap recorder heard nothing of the second build
    assert not (tmp_path / "failed" / "sitemap.xml").exists()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    articles = list((ROOT / "content" / "articles").glob("*/*.md"))
    assert sitemap.count("<url>") >= len(articles) and "failed" not in sitemap


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_a_rebuild_from_pelicans_content_cache_is_the_site_a_fresh_build_makes(tmp_path, layer):
    # "generator": Pelican keeps the articles themselves, pickled (their HTML held
    # compressed, sdg_portal.compact); "reader": what its readers gave
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cached = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": layer,
        "CACHE_PATH": str(tmp_path / "cache"),
        "SDG_ANALYSIS_CACHE": True,
    }
    build_site(content, tmp_path / "first", **cached)
    assert any((tmp_path / "cache").iterdir())
    edited = sorted((content / "articles").glob("*/*.md"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nPolice also freed 40 victims of human trafficking held on fishing boats.\n",
        encoding="utf-8",
    )
    later = edited.stat().st_mtime + 10
    os.utime(edited, (later, later))
    again = build_site(content, tmp_path / "again", **cached)
    fresh = build_site(content, tmp_path / "fresh")
    assert files_of(again) == files_of(fresh)
    assert "freed 40 victims of human trafficking" in "".join(files_of(again).values())


def files_of(folder) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pelicans_reader_cache_is_let_go_once_saved_and_serves_the_next_build(tmp_path, monkeypatch):
    # Pelican's readers hold every article as read (its HTML uncompressed) to the end
    # of the build, though they saved it before article_generator_finalized: the
    # portal empties them there (sdg_portal.compact.forget_cached_reads)
    import gzip
    import pickle

    from pelican import signals
    from pelican.generators import ArticlesGenerator

    from sdg_portal.reader import SdgMarkdownReader

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    articles = sorted((content / "articles").glob("*/*.md"))
    cached = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    held = []

    def after_all(generators):
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                held.append(len(generator.readers._cache))

    signals.all_generators_finalized.connect(after_all)
    try:
        build_site(content, tmp_path / "first", **cached)
        with gzip.open(tmp_path / "cache" / "ArticlesGenerator-Readers", "rb") as fh:
            saved = pickle.load(fh)
        assert held == [0]  # nothing held once the articles are read
        assert {os.path.basename(path) for path in saved} >= {path.name for path in articles}

        read = []
        real_read = SdgMarkdownReader.read
        monkeypatch.setattr(SdgMarkdownReader, "read", lambda self, path: read.append(path) or real_read(self, path))
        later = articles[0].stat().st_mtime + 10
        os.utime(articles[0], (later, later))
        build_site(content, tmp_path / "again", **cached)
    finally:
        signals.all_generators_finalized.disconnect(after_all)
    assert held == [0, 0]
    assert [os.path.basename(path) for path in read] == [articles[0].name]  # the others from the cache
