"""msjournal: a personal journal for people with MS who receive infusion therapy."""

__version__ = "0.1.0"
