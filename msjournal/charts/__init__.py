"""Trend charts drawn on a matplotlib Figure (its object API only), for the window, the command
line and the PDF."""
