"""A benchmark run started within a minute of the last run's deletion of its outputs
waits out the rest of that minute: ext4 is slow to create files among recently
freed inodes, and the figures would carry it."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sdg_benchmark_build", ROOT / "benchmarks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def test_the_wait_is_what_is_left_of_the_minute(tmp_path):
    stamp = tmp_path / ".emptied"
    stamp.write_text("1000.0\n", encoding="utf-8")
    assert build.settle_wait(stamp, now=1010.0) == 50.0
    assert build.settle_wait(stamp, now=1060.0) == 0.0
    assert build.settle_wait(stamp, now=2000.0) == 0.0
    assert build.settle_wait(stamp, now=900.0) == build.SETTLE  # a clock set back: never more than the minute


def test_no_record_or_a_garbled_one_means_no_wait(tmp_path):
    assert build.settle_wait(tmp_path / ".emptied", now=1000.0) == 0.0
    (tmp_path / ".emptied").write_text("yesterday", encoding="utf-8")
    assert build.settle_wait(tmp_path / ".emptied", now=1000.0) == 0.0


def test_emptying_the_trash_records_when(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "OUT", tmp_path)
    old = tmp_path / "build-10"
    (old / "out").mkdir(parents=True)
    build.set_aside(old)
    build.empty_trash()
    assert not any(p.name.startswith("build-10") for p in tmp_path.iterdir())
    assert build.settle_wait(tmp_path / build.EMPTIED, now=build.time.time()) > 55
