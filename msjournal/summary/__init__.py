"""The appointment summary: what it says (data), how it looks (overview, log, pages, style), PDF
and HTML."""
