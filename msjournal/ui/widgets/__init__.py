"""Widgets the window's pages are built from: alert cards, fields, layouts, table models, chart
canvas."""
