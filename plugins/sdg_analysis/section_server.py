"""Render analysis sections and write the open data for a build, in a process of its own.

``python -m sdg_analysis.section_server`` reads requests on its standard input and
answers on its standard output, each message a pickle after its length (4 bytes,
big-endian), answered in the order received. The first message sets the build up:
``{"urls": {code: url}, "siteurl": ..., "template_dirs": [...]}``. Then:

- ``("sections", number, [(packed analysis, anchor ids), ...])``, answered
  ``("sections", number, [html or None, ...])`` (None: rendering failed here, the
  build renders it itself and reports the error as it would any; an item
  ``(None, None)`` is one the build renders itself, answered None);
- ``("data", options)`` then ``("records", [(packed analysis, fields), ...])`` messages
  and ``("end",)``: the open data written to ``options["json"]`` and
  ``options["csv"]`` (:func:`sdg_analysis.opendata.write_open_data`, each record made
  by :func:`~sdg_analysis.opendata.article_record` from its analysis and ``fields``),
  answered ``("data", None)``, or ``("data", "what went wrong")``.

It stops at the end of its input. It imports this package alone, not Pelican nor
the build: a process started afresh costs about 26 MiB, where a fork of a large
build would copy the pages of the build's heap it touches.
"""

from __future__ import annotations

import pickle
import struct
import sys
from typing import BinaryIO

from .framework import Framework, load_framework
from .model import Packed
from .opendata import article_record, write_open_data
from .render import render_section

LENGTH = struct.Struct(">I")


def read_message(stream: BinaryIO):
    """The next message on ``stream``, or None at its end."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        return None
    (size,) = LENGTH.unpack(head)
    body = stream.read(size)
    return pickle.loads(body) if len(body) == size else None


def encode(message) -> bytes:
    body = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    return LENGTH.pack(len(body)) + body


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    setup = read_message(requests)
    if setup is None:
        return
    url_for = setup["urls"].__getitem__
    framework = load_framework()
    options = {"framework": framework, "siteurl": setup["siteurl"], "template_dirs": tuple(setup["template_dirs"])}
    while (message := read_message(requests)) is not None:
        if message[0] == "sections":
            _, number, items = message
            html: list[str | None] = []
            for data, anchors in items:
                if data is None:  # the build renders this one itself
                    html.append(None)
                    continue
                try:
                    html.append(str(render_section(Packed.load(data), url_for, anchors=anchors, **options)))
                except Exception:
                    html.append(None)
            answer = ("sections", number, html)
        elif message[0] == "data":
            answer = ("data", write_data(requests, message[1], framework))
        else:
            answer = ("unknown", message[0])
        answers.write(encode(answer))
        answers.flush()


def write_data(requests: BinaryIO, options: dict, framework: Framework) -> str | None:
    """Write the open data from the ``records`` messages that follow, up to ``end``;
    what went wrong, or None."""
    ended = False

    def records():
        nonlocal ended
        while (message := read_message(requests)) is not None and message[0] == "records":
            for data, fields in message[1]:
                yield article_record(analysis=Packed.load(data), framework=framework, **fields)
        ended = True

    files = []
    try:
        for key in ("json", "csv"):
            files.append(open(options[key], "w", encoding="utf-8", newline="") if options.get(key) else None)
        write_open_data(records(), *files, site_url=options["site_url"], analyser_version=options["analyser_version"])
        return None
    except Exception as exc:
        while not ended and (message := read_message(requests)) is not None and message[0] == "records":
            pass  # the rest of the records, up to the end
        return f"{type(exc).__name__}: {exc}"
    finally:
        for fh in files:
            if fh is not None:
                fh.close()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
