"""``benchmarks/build.py --stages``: the stage timer's CPU columns say which process
worked and how many cores were busy, so that an idle core shows."""

import importlib.util
import os
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# by its path: "build" is also the name of PyPA's package
_spec = importlib.util.spec_from_file_location("sdg_benchmark_build", ROOT / "benchmarks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

pytestmark = pytest.mark.skipif(not Path("/proc/stat").exists(), reason="reads /proc (Linux)")


class Stages:
    @staticmethod
    def spin(seconds):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass

    @staticmethod
    def sleep(seconds):
        time.sleep(seconds)


def test_cpu_columns_tell_work_from_waiting():
    timer = build.StageTimer()
    timer.wrap(Stages, "spin", "spin", cpu=True)
    timer.wrap(Stages, "sleep", "sleep", cpu=True)
    Stages.spin(0.3)
    Stages.sleep(0.3)
    spun, slept = timer.cpu["spin"], timer.cpu["sleep"]
    assert timer.calls == {"spin": 1, "sleep": 1}
    assert spun[0] > 0.2 and slept[0] < 0.05  # this process's CPU time
    assert spun[1] > 0 and spun[2] >= spun[1]  # the machine was busy while it spun
    # at least the one core it spun on (a tick is 10 ms: some slack)
    cores = os.cpu_count()
    assert cores * spun[1] / spun[2] > 0.8


def test_busy_jiffies_grow():
    busy0, all0 = build.busy_jiffies()
    Stages.spin(0.1)
    busy1, all1 = build.busy_jiffies()
    assert all1 > all0 and busy1 > busy0
