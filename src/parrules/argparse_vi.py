"""argparse's own words (usage errors, help headings) in the language of the run.

argparse says its messages through gettext (``_("unrecognized arguments: %s")``), looked
up at call time in argparse's module globals ``_`` and ``ngettext``.  A gettext catalogue
for argparse's msgids is the supported way to translate them; installing one for the whole
process (``gettext.install``, a text domain with .mo files and $LANGUAGE) would change every
other library's words too, and outlive the run.  So ``speaking(lang)`` gives argparse, for
the time of one parse, a ``gettext.NullTranslations`` whose lookups read the small
catalogue below: the msgids of Python 3.10 to 3.13 (tests/test_cli_lang.py checks the ones
a user meets: an invalid choice, a required argument, an unrecognized argument).  A msgid
that is not here is said in English, as gettext does.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

# argparse's msgid -> its Vietnamese (%-placeholders kept as they are)
VI: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "the following arguments are required: %s": "thiếu (các) tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không nhận ra (các) tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không được dùng cùng tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn không rõ: %(option)s có thể là %(matches)s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
}
VI_PLURAL: dict[str, str] = {"expected %s argument": "cần %s giá trị"}


class _Catalogue(gettext.NullTranslations):
    """A translation read from a dict (what a compiled .mo file would hold)."""

    def __init__(self, words: dict[str, str], plurals: dict[str, str]) -> None:
        super().__init__()
        self.words = words
        self.plurals = plurals

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        said = self.plurals.get(msgid1)
        if said is not None:
            return said
        return msgid1 if n == 1 else msgid2


CATALOGUES = {"vi": _Catalogue(VI, VI_PLURAL)}


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse says its words in ``lang`` inside the block (English where it has no catalogue)."""
    catalogue = CATALOGUES.get(lang)
    if catalogue is None:
        yield
        return
    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    setattr(argparse, "_", catalogue.gettext)  # noqa: B010 - argparse's gettext hooks, looked up at call time
    setattr(argparse, "ngettext", catalogue.ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010
