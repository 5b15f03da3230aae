"""Styles the pages share, as one <style> block: a title that fits a phone, no plotly toolbar on phones, and overview
cards that open their chart wherever they are tapped."""
import streamlit as st

# A card is a bordered container keyed card_<indicator>; its page link's ::after covers the whole card (the
# "stretched link" pattern), so the card is tappable as a whole and Streamlit's own navigation keeps the session.
CSS = """
<style>
[class*="st-key-card_"] { position: relative; }
[class*="st-key-card_"] [data-testid="stElementContainer"], [class*="st-key-card_"] [data-testid="stPageLink"],
[class*="st-key-card_"] [data-testid="stPageLink"] * { position: static !important; }
[class*="st-key-card_"] [data-testid="stPageLink"] a::after { content: ""; position: absolute; inset: 0; z-index: 5; }
[class*="st-key-card_"] [data-testid="stPageLink"] * { white-space: normal !important; overflow: visible !important; }
[class*="st-key-card_"]:hover { border-color: #b8322a; }
[class*="st-key-card_"] [data-testid="stMetricValue"] { font-size: 1.9rem; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; padding-left: 0.8rem; padding-right: 0.8rem; }
  h1 { font-size: 1.6rem !important; padding-top: 0.2rem !important; }
  .modebar-container { display: none !important; }
  [class*="st-key-card_"] [data-testid="stMetricValue"] { font-size: 1.6rem; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
