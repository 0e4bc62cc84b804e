"""Render analysis sections for a build, in a process of its own.

``python -m sdg_analysis.section_server`` reads requests on its standard input and
answers on its standard output, each message a pickle after its length (4 bytes,
big-endian). The first message sets the build up: ``{"urls": {code: url},
"siteurl": ..., "template_dirs": [...]}``; every later one is ``(number, [(packed
analysis, anchor ids), ...])`` and is answered ``(number, [html or None, ...])``, in
the order received (None: rendering failed here, the build renders it itself and
reports the error as it would any). It stops at the end of its input.

It imports this package alone, not Pelican nor the build: a process started afresh
costs about 26 MiB, where a fork of a large build would copy the pages of the
build's heap it touches.
"""

from __future__ import annotations

import pickle
import struct
import sys
from typing import BinaryIO

from .framework import load_framework
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
    options = {
        "framework": load_framework(),
        "siteurl": setup["siteurl"],
        "template_dirs": tuple(setup["template_dirs"]),
    }
    while (message := read_message(requests)) is not None:
        number, items = message
        html: list[str | None] = []
        for data, anchors in items:
            try:
                html.append(str(render_section(pickle.loads(data), url_for, anchors=anchors, **options)))
            except Exception:
                html.append(None)
        answers.write(encode((number, html)))
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
