"""The review state of a drafted folder: review.csv lists every row drafted from a report with its state, 待审核
(pending) until staff check it against the report and change it to 已审核 (or reviewed). Staff see the count on the
review page, the maintenance page and in `validate`; nothing of it reaches a viewer's page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

REVIEW_FILE = "review.csv"
PENDING, REVIEWED = "待审核", "已审核"
DONE = (REVIEWED, "reviewed")  # staff may write the state in either language


def rows(root: Path) -> list[dict]:
    """review.csv's rows ([] when the folder has none or it cannot be read: it is staff's list, not data)."""
    try:
        text = (Path(root) / REVIEW_FILE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return list(csv.DictReader(io.StringIO(text)))


def pending(root: Path) -> int:
    """How many drafted rows are still to review (a row without a state, from an older draft, is still to review)."""
    return sum((r.get("state") or PENDING).strip().lower() not in DONE for r in rows(root))
