"""The unverified catalog defaults a person can replace in Settings."""

from __future__ import annotations

from msjournal.model.own_values import editable_values


def test_lists_unverified_defaults_with_the_persons_own_value(catalog) -> None:
    """Headache duration is an unverified default; an own value is shown beside it."""
    values = {
        v.key: v
        for v in editable_values(catalog, {"symptom.headache.expected_hours": 12}, "natalizumab")
    }
    assert values["symptom.headache.expected_hours"].default == 24
    assert values["symptom.headache.expected_hours"].own == 12
    assert "treatment.natalizumab.clinical_review.every_days" in values
    assert "symptom.nausea.expected_hours" not in values  # verified: not offered


def test_only_the_current_therapy_intervals_are_offered(catalog) -> None:
    """Without a therapy, only symptom durations are listed."""
    keys = [v.key for v in editable_values(catalog, {}, None)]
    assert keys and all(key.startswith("symptom.") for key in keys)
