"""Build the project's UN framework data file from the shared reference.

    python scripts/build_framework_data.py [REFERENCE_JSON]

The reference (``../shared/reference/sdg-framework.json`` by default) carries the
official titles in the six UN languages, as collected by Open SDG's
sdg-translations (MIT licence), and the official goal colours. We keep the facts,
ordered and normalised (Unicode NFC, codes as strings in UN dot form), and carry its
attribution in ``about``; ``LICENSE.sdg-translations`` sits beside the output.
``tests/analysis/test_framework.py`` checks the result against the reference.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "sdg-framework.json"
OUTPUT = ROOT / "plugins" / "sdg_analysis" / "data" / "sdg-framework.json"
# Codes, English titles and colours of the reference, for tests on machines without it.
SNAPSHOT = ROOT / "tests" / "fixtures" / "sdg-reference-snapshot.json"
SCHEMA_VERSION = 1


def _sort_key(code: str) -> tuple:
    # "8.a" sorts after "8.10"; numbers compare as numbers.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _nfc(titles: dict[str, str]) -> dict[str, str]:
    return {lang: unicodedata.normalize("NFC", text.strip()) for lang, text in titles.items()}


def build(reference: dict) -> dict:
    goals = [
        {
            "code": str(g["code"]),
            "color": g["color"].upper(),
            "short": _nfc(g["short"]),
            "title": _nfc(g["title"]),
        }
        for g in sorted(reference["goals"], key=lambda g: _sort_key(str(g["code"])))
    ]
    targets = [
        {"code": str(t["code"]), "goal": str(t["goal"]), "title": _nfc(t["title"])}
        for t in sorted(reference["targets"], key=lambda t: _sort_key(str(t["code"])))
    ]
    indicators = [
        {"code": str(i["code"]), "target": str(i["target"]), "title": _nfc(i["title"])}
        for i in sorted(reference["indicators"], key=lambda i: _sort_key(str(i["code"])))
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "about": reference["about"],
        "license": "LICENSE.sdg-translations",
        "languages": list(reference["languages"]),
        "goals": goals,
        "targets": targets,
        "indicators": indicators,
    }


def snapshot(reference_bytes: bytes, reference: dict) -> dict:
    return {
        "about": "Codes, English titles and goal colours of ../shared/reference/sdg-framework.json, "
        "kept so the framework test can run where the shared folder is absent.",
        "sha256": hashlib.sha256(reference_bytes).hexdigest(),
        "goals": {str(g["code"]): [g["title"]["en"], g["color"]] for g in reference["goals"]},
        "targets": {str(t["code"]): t["title"]["en"] for t in reference["targets"]},
        "indicators": {str(i["code"]): i["title"]["en"] for i in reference["indicators"]},
    }


def main(argv: list[str]) -> int:
    reference_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    raw = reference_path.read_bytes()
    reference = json.loads(raw.decode("utf-8"))
    data = build(reference)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    SNAPSHOT.write_text(
        json.dumps(snapshot(raw, reference), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(
        f"wrote {OUTPUT.relative_to(ROOT)}: {len(data['goals'])} goals, "
        f"{len(data['targets'])} targets, {len(data['indicators'])} indicators"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
