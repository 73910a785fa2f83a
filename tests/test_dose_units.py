"""Mitoxantrone's lifetime limit counts every dose, however its unit was typed.

Issue "Clinical correctness at the edges", item 3: eleven doses of 12 mg/m² gave no
cumulative-dose alert, and the schedule said "0 of 140 mg/m2 … 11 dose(s) not logged in mg/m2
are not counted". clinical-facts.md §7: a lifetime limit because of the risk to the heart
(140 mg/m² in the US label, 72 mg/m² in Europe). A dose that cannot be counted is named in an
alert, never silently left out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from msjournal.model.records import Infusion, JournalData, TherapyPlan
from msjournal.model.units import dose_unit_key
from msjournal.rules.alerts import active_alerts
from msjournal.rules.schedule import cumulative_dose

MOMENT = datetime(2026, 6, 15, 12, 0)
SPELLINGS = [
    "mg/m²",
    "mg/m2",
    "mg/m^2",
    "mg per m2",
    "MG/M2",
    " mg / m 2 ",
    "mg/m**2",
    "mg per square metre",
    "mg/sq m",
    "mg/M²",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_milligrams_per_square_metre_is_the_same_unit(spelling: str) -> None:
    assert dose_unit_key(spelling) == dose_unit_key("mg/m2") == "mg/m2"


@pytest.mark.parametrize("other", ["mg", "ml", "mg/kg", "g/m2", ""])
def test_other_units_stay_other(other: str) -> None:
    assert dose_unit_key(other) != "mg/m2"


def _mitoxantrone(units: list[str], dose: str | None = "12") -> JournalData:
    infusions = tuple(
        Infusion(
            f"inf-{n}",
            "mitoxantrone",
            MOMENT - timedelta(days=90 * (len(units) - n)),
            dose=Decimal(dose) if dose else None,
            dose_unit=unit,
        )
        for n, unit in enumerate(units)
    )
    return JournalData(infusions=infusions, plan=TherapyPlan("mitoxantrone"))


def test_eleven_doses_typed_mg_per_m_squared_reach_the_limit(catalog) -> None:
    data = _mitoxantrone(["mg/m²"] * 11)
    total = cumulative_dose(data, catalog.treatments["mitoxantrone"])
    assert total is not None and total.given == Decimal(132) and total.uncounted == 0
    rules = {a.rule for a in active_alerts(data, catalog, MOMENT)}
    assert "cumulative_dose_limit" in rules


def test_a_dose_that_cannot_be_counted_is_named_in_an_alert(catalog) -> None:
    data = _mitoxantrone(["mg/m2", "mg/m2", "mg"])
    [alert] = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "dose_not_counted"]
    assert alert.level == "consult"
    assert "12 mg" in alert.message and "mg/m2" in alert.message
    assert "inf-2" in alert.entries
    assert "care team" in alert.action


def test_a_dose_logged_without_an_amount_is_named_too(catalog) -> None:
    data = _mitoxantrone(["mg/m2", ""], dose=None)
    alerts = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "dose_not_counted"]
    assert alerts and "no dose" in alerts[0].message
