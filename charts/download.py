"""The rows behind a chart as files to download: CSV that Excel opens in Chinese, and XLSX. Cells that Excel
would run as a formula (=, +, -, @ at the start) are neutralised with a leading apostrophe."""

from __future__ import annotations

import io

import pandas as pd

from loaders.io.tables import FORMULA_STARTS, neutralise  # noqa: F401 - the one neutraliser, shared with the templates


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell that could start a formula is made plain text; numbers stay numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise).astype(object)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # UTF-8 with a byte-order mark: Excel on Chinese Windows then reads the characters correctly.
    return safe_cells(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_cells(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
