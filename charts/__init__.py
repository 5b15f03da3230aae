"""Figures for the dashboard: pure functions from DataFrames to plotly Figures, one shared look, and formatting."""
