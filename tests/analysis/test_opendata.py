"""The open data export: records valid against the published JSON Schema, safe JSON, CSV."""

import csv
import io
import json
from datetime import datetime, timezone

import jsonschema

from sdg_analysis import EditorInput, analyse
from sdg_analysis.model import Evidence, Figure
from sdg_analysis.opendata import article_record, dumps_safe, figures_csv, schema, site_export


def record(fw, **kw):
    analysis = analyse("Some text.", editor=EditorInput(goals=["16"], targets=["16.2"], indicators=["16.2.2"], auto=False))
    analysis.figures.append(
        Figure(value=258, text="258", counts="victims of human trafficking", target="16.2", indicator="16.2.2",
               evidence=Evidence("258 were identified.", 10, 30), origin="analyser")
    )
    args = dict(
        title="T", date=datetime(2025, 2, 21, tzinfo=timezone.utc), url="https://x.org/a/", analysis=analysis,
        framework=fw, source={"name": "S", "url": "https://s.org"}, summary="Sum", tags=["a"],
    )
    args.update(kw)
    return article_record(**args)


def test_export_validates_against_the_schema(fw):
    export = site_export([record(fw)], site_url="https://x.org", analyser_version="1")
    jsonschema.validate(json.loads(dumps_safe(export)), schema())
    label = export["articles"][0]["indicators"][0]
    assert label["code"] == "16.2.2" and label["origin"] == "editor" and label["title"].startswith("Number of victims")


def test_schema_rejects_a_bad_code_and_a_bad_origin(fw):
    export = site_export([record(fw)], site_url="", analyser_version="1")
    export["articles"][0]["goals"][0]["code"] = "18"
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(export))
    assert errors
    export["articles"][0]["goals"][0]["code"] = "16"
    export["articles"][0]["goals"][0]["origin"] = "robot"
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(export))


def test_dumps_safe_cannot_close_a_script():
    text = dumps_safe({"t": "</script><img onerror=x> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><img onerror=x> & co"}


def test_figures_csv_one_row_per_figure_and_no_formulas(fw):
    rec = record(fw, title="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(figures_csv([rec, rec]))))
    assert len(rows) == 2
    assert rows[0]["indicator"] == "16.2.2" and rows[0]["value"] == "258"
    assert rows[0]["article_title"] == "'=HYPERLINK(1)"


def test_a_real_analysis_with_extracted_figures_validates(fw, root):
    from sdg_analysis.text import markdown_to_text

    text = markdown_to_text((root / "content" / "articles" / "2025" / "myawaddy-scam-compound-release.md").read_text())
    analysis = analyse("Myawaddy\n\n" + text)
    assert analysis.figures, "the analyser extracts figures from this article"
    rec = article_record(title="M", date=datetime(2025, 2, 21), url="u", analysis=analysis, framework=fw)
    jsonschema.validate(json.loads(dumps_safe(site_export([rec], site_url="", analyser_version="x"))), schema())


def test_streamed_export_is_the_same_bytes_as_the_whole(fw):
    from sdg_analysis.opendata import write_open_data

    records = [record(fw), record(fw, title="Second <one>")]
    json_out, csv_out = io.StringIO(), io.StringIO()
    n = write_open_data(iter(records), json_out, csv_out, site_url="https://x.org", analyser_version="9")
    assert n == 2
    assert json_out.getvalue() == dumps_safe(site_export(records, site_url="https://x.org", analyser_version="9"))
    assert csv_out.getvalue() == figures_csv(records)
