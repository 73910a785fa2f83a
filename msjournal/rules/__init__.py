"""Pure functions of the journal's data and a moment: alerts, schedule, timeline, trends,
validation."""
