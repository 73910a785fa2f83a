"""The journal in open formats: JSON (export and import), CSV, calendar, and the import preview."""
