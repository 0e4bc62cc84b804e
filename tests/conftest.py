"""Shared fixtures: the repository root and the framework."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fw():
    from sdg_analysis import load_framework

    return load_framework()
