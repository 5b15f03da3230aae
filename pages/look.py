"""Styles the pages share, as one <style> block: a title that fits a phone, no plotly toolbar on phones, and overview
cards that open their chart wherever they are tapped."""

import json

import streamlit as st

from charts.i18n import t
from charts.theme import RED

# A card is a bordered container keyed card_<indicator>; its page link's ::after covers the whole card (the
# "stretched link" pattern), so the card is tappable as a whole and Streamlit's own navigation keeps the session.
CSS = """
<style>
[class*="st-key-card_"] { position: relative; }
[class*="st-key-card_"] [data-testid="stElementContainer"], [class*="st-key-card_"] [data-testid="stPageLink"],
[class*="st-key-card_"] [data-testid="stPageLink"] * { position: static !important; }
[class*="st-key-card_"] [data-testid="stPageLink"] a::after { content: ""; position: absolute; inset: 0; z-index: 5; }
[class*="st-key-card_"] [data-testid="stPageLink"] * { white-space: normal !important; overflow: visible !important; }
[class*="st-key-card_"]:hover { border-color: BRAND_RED; }
[class*="st-key-card_"] [data-testid="stMetricValue"] { font-size: 1.9rem; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; padding-left: 0.8rem; padding-right: 0.8rem; }
  h1 { font-size: 1.6rem !important; padding-top: 0.2rem !important; }
  .modebar-container { display: none !important; }
  [class*="st-key-card_"] [data-testid="stMetricValue"] { font-size: 1.6rem; }
}
</style>
""".replace("BRAND_RED", RED)  # the brand red of charts/theme.py (and of .streamlit/config.toml's primaryColor)


# Streamlit's file uploader writes its own English ("Upload", "5MB per file • XLSX, CSV") and has no option to change
# it (streamlit 1.67: label, help and max_upload_size only). Its words are hidden and ours drawn in their place; the
# label above the box already says which files and how large, in the interface's language. Only the box's own
# button: a chosen file's remove button (an icon) stays as it is.
UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::before {{
  content: {hint}; font-size: 0.875rem; white-space: normal; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] * {{ display: none !important; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {{
  content: {button}; font-size: 0.875rem; }}
</style>
"""


def css_text(text: str) -> str:
    """`text` as a CSS string literal."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


def apply(lang: str = "zh") -> None:
    uploader = UPLOADER_CSS.format(hint=css_text(t("upload_drop", lang)), button=css_text(t("upload_button", lang)))
    st.html(CSS + uploader)
