"""Notebook niceties: report text that notebooks show inline, DataFrames.

pandas is optional: nothing here imports it until it is asked for.
"""

from __future__ import annotations

import html
from typing import Any, Dict, Iterable, List, Mapping


class HtmlReport(str):
    """An HTML report: a ``str`` holding one self-contained HTML page (write it
    to a file as it is), which a notebook shows inline. The page goes into an
    ``<iframe srcdoc>``, so that its stylesheet does not restyle the notebook."""

    #: The height of the inline frame (CSS); the frame can be resized.
    frame_height = "40em"

    def _repr_html_(self) -> str:
        return (
            '<iframe class="cxotrack-report" srcdoc="%s" style="width:100%%;height:%s;border:1px solid #d1d5db;'
            'resize:vertical" sandbox=""></iframe>' % (html.escape(self, quote=True), self.frame_height)
        )


class MarkdownReport(str):
    """A Markdown report: a ``str`` that a notebook renders as Markdown."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "cxotrack.to_dataframe needs pandas, which is not installed: on Debian, "
            "`apt install python3-pandas` (in a venv made with --system-site-packages); "
            "elsewhere, `pip install pandas`"
        ) from e
    return pandas


def to_dataframe(rows: Iterable[Mapping[str, Any]]) -> Any:
    """A pandas DataFrame of rows (a list of dicts, as every query returns, a
    Cursor, or a table of a JSON report such as ``report["topics"]``): one
    column per field, in the order the fields first appear.

    Raises ImportError, saying how to install it, when pandas is missing."""
    if isinstance(rows, Mapping):
        raise TypeError(
            "to_dataframe takes rows (a list of dicts), not one dict; for a report, pass one of its tables, "
            "e.g. to_dataframe(report[%r])" % next((k for k, v in rows.items() if isinstance(v, list)), "topics")
        )
    if isinstance(rows, (str, bytes)):
        raise TypeError("to_dataframe takes rows (a list of dicts), not text")
    pandas = _pandas()
    records = list(rows)
    columns: Dict[str, None] = {}
    for row in records:
        if not isinstance(row, Mapping):
            raise TypeError("to_dataframe takes rows that are dicts, not %s" % type(row).__name__)
        for key in row:
            columns.setdefault(key, None)
    return pandas.DataFrame.from_records(records, columns=list(columns))


def matrix_table(report: Mapping[str, Any]) -> Any:
    """A matrix report (JSON) as a topics x meetings table: a DataFrame if
    pandas is installed, else a list of dicts."""
    meetings = [m["id"] for m in report["meetings"]]
    rows: List[Dict[str, Any]] = []
    for topic in report["topics"]:
        row: Dict[str, Any] = {"topic": topic["topic"]}
        for meeting in meetings:
            row[meeting] = topic.get(meeting)
        rows.append(row)
    try:
        import pandas
    except ImportError:
        return rows
    frame = pandas.DataFrame.from_records(rows, columns=["topic"] + meetings)
    frame = frame.set_index("topic")
    frame.columns.name = "meeting"
    return frame
