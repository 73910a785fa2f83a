"""The msjournal command: its parser, a table of handlers, one module per group of commands."""
