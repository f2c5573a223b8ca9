"""The PDFs' paragraphs are set exactly as reportlab's own Paragraph sets the same text: plain
typed text skips reportlab's markup parser, and a paragraph breaks its lines once per width
(workbench.export.layout.para), and neither may change a word, a font or a line break."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.export.fonts import markup
from workbench.export.layout import content_width, para, styles

TYPED = [
    "The worker visited on Monday.",
    "  spaces   before, between  and after  ",
    "tabs\tand\ta non-breaking\u00a0space, a soft\u00adhyphen",
    "Zoë, Ζωή, Жанна, Łucja, Ōsaka",
    "中文 and Latin mixed",  # the fallback font for the Chinese
    "<b>not bold</b> & not an &amp; entity",
    "first line\nsecond line\r\nthird",
    "x",
    "   ",
    "",
    "A long answer that runs over several lines of the page. " * 12,
]


def _fragments(paragraph: Any) -> list[dict[str, Any]]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


def _lines(paragraph: Any) -> list[Any]:
    """Each line as laid out: its spare width and its words (with their fonts, for mixed runs)."""
    found = paragraph.blPara
    if found.kind == 0:  # one font: (spare width, words)
        return [(spare, tuple(words)) for spare, words in found.lines]
    return [(line.extraSpace, tuple((getattr(w, "fontName", None), getattr(w, "text", None))
                                    for w in line.words)) for line in found.lines]


@pytest.mark.parametrize("text", TYPED)
@pytest.mark.parametrize("style_name", ["answer", "cell", "h2", "small"])
def test_typed_text_is_set_as_reportlab_sets_it(text: str, style_name: str) -> None:
    from reportlab.platypus import Paragraph

    style = styles()[style_name]
    ours = para(text, style)
    theirs = Paragraph(markup(text), style)
    assert ours.text == theirs.text
    assert _fragments(ours) == _fragments(theirs)
    width = content_width()
    assert ours.wrap(width, 800) == theirs.wrap(width, 800)
    assert _lines(ours) == _lines(theirs)


def test_a_paragraph_wrapped_again_at_another_width_breaks_its_lines_for_that_width() -> None:
    from reportlab.platypus import Paragraph

    text = TYPED[-1]
    style = styles()["answer"]
    ours = para(text, style)
    for width in (400.0, 250.0, 400.0, 250.0):
        fresh = Paragraph(markup(text), style)
        assert ours.wrap(width, 800) == fresh.wrap(width, 800)
        assert _lines(ours) == _lines(fresh)
        halves = ours.split(width, 40)  # what a page break does with it
        fresh_halves = fresh.split(width, 40)
        assert [_fragments(h) for h in halves] == [_fragments(h) for h in fresh_halves]


def test_the_styles_are_made_once_and_each_caller_gets_its_own_table_of_them() -> None:
    first, second = styles(), styles()
    assert first is not second
    assert all(first[name] is second[name] for name in first)
    first["answer"] = None
    assert styles()["answer"] is not None
