""" "Contact your care team" alerts: pure functions of the journal's data and a moment.

Each rule has a stable id (part of the product's interface), a level (urgent, consult,
reminder), the criterion it implements with its source, and how long its alert stays
active. The words never diagnose: they say what was recorded, which criterion it meets,
and what to do. docs/alerts.md documents every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from msjournal.model.as_of import as_of
from msjournal.model.catalog import Catalog, Treatment
from msjournal.model.dates import human_date
from msjournal.model.records import Infusion, JournalData, SideEffect, TemperatureReading
from msjournal.model.temperature import (
    DEFAULT_FEVER_THRESHOLD,
    format_temperature,
    is_above_threshold,
    threshold_text,
)
from msjournal.rules.result_words import note_text, notes_for, range_text, value_text
from msjournal.rules.schedule import cumulative_dose, current_treatment, due_items, group_courses

LEVELS = ("urgent", "consult", "reminder")
SOURCE_DOCUMENT = "Source document, 'MS Infusion Side Effects and Consultation'"
# What each level is called wherever words stand for it (the command line, plain text).
LEVEL_NAMES = {
    "urgent": "URGENT: get help now",
    "consult": "Contact your care team",
    "reminder": "Reminder",
}
URGENT_ACTION = (
    "Get help now: call your local emergency number, or tell the staff at once "
    "if you are still at the infusion centre."
)
CONSULT_ACTION = "Contact your care team today and tell them what you recorded."
FEVER_EPISODE_GAP = timedelta(hours=24)
RELAPSE_WINDOW = timedelta(days=14)  # NICE: treat a relapse within 14 days of onset
RESULT_REMINDER_DAYS = timedelta(days=30)


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    name: str
    criterion: str
    source: str
    stays_active: str


@dataclass(frozen=True)
class Alert:
    rule: str
    level: str
    title: str
    message: str
    action: str
    criterion: str
    entries: tuple[str, ...]
    raised_at: datetime
    active_until: datetime | None = None  # None: while the condition holds
    acknowledged_at: datetime | None = None
    acknowledgement_note: str = ""

    @property
    def key(self) -> str:
        return f"{self.rule}:{','.join(sorted(self.entries))}"

    def is_active(self, moment: datetime) -> bool:
        if self.acknowledged_at is not None or self.raised_at > moment:
            return False
        return self.active_until is None or moment < self.active_until

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level,
            "title": self.title,
            "message": self.message,
            "action": self.action,
            "criterion": self.criterion,
            "entries": list(self.entries),
            "raised_at": self.raised_at.isoformat(timespec="minutes"),
            "source": RULES[self.rule].source,
            "stays_active": RULES[self.rule].stays_active,
            "key": self.key,
            "acknowledged_at": self.acknowledged_at.isoformat(timespec="minutes")
            if self.acknowledged_at
            else None,
        }


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "severe_reaction",
            "urgent",
            "Trouble breathing or a heartbeat change",
            "Trouble breathing or changes in heart rate during or after an infusion.",
            SOURCE_DOCUMENT,
            "3 days after the entry, or until acknowledged",
        ),
        Rule(
            "gut_bleeding",
            "urgent",
            "Signs of bleeding in the stomach or gut",
            "Black, tarry stools or vomiting blood.",
            "Catalog warning sign of IV methylprednisolone, stomach_bleeding (emergency; "
            "marked unverified there)",
            "3 days after the entry, or until acknowledged",
        ),
        Rule(
            "stroke_signs_after_alemtuzumab",
            "urgent",
            "Sudden nerve symptoms after alemtuzumab",
            "New nerve symptoms (weakness, numbness, trouble speaking or seeing), or a severe "
            "or unusual headache, within 3 days of an alemtuzumab infusion.",
            "FDA Drug Safety Communication, 29 Nov 2018 (stroke after Lemtrada)",
            "3 days after the entry, or until acknowledged",
        ),
        Rule(
            "fever",
            "consult",
            "Temperature above your fever threshold",
            "A temperature above 100 °F (37.8 °C), one of the signs of infection to report.",
            SOURCE_DOCUMENT,
            "3 days after the last high reading, or until acknowledged",
        ),
        Rule(
            "site_infection",
            "consult",
            "Warmth or growing redness where the needle went in",
            "Signs of infection at the infusion or injection site: warmth, or increasing redness.",
            SOURCE_DOCUMENT,
            "7 days after the entry, or until acknowledged",
        ),
        Rule(
            "unexplained_bruising",
            "consult",
            "Bruising you cannot explain",
            "Unexplained bruises.",
            SOURCE_DOCUMENT,
            "7 days after the entry, or until acknowledged",
        ),
        Rule(
            "severe_or_unusual",
            "consult",
            "A side effect that feels severe or unusual",
            "A side effect that feels severe (7 or more out of 10) or unusual.",
            SOURCE_DOCUMENT,
            "7 days after the entry, or until acknowledged",
        ),
        Rule(
            "persistent_symptom",
            "consult",
            "A symptom lasting longer than expected",
            "Symptoms that persist longer than expected.",
            SOURCE_DOCUMENT,
            "while the symptom is still open (not marked as gone), or until acknowledged",
        ),
        Rule(
            "new_neurological_symptoms",
            "consult",
            "New or worsening nerve symptoms",
            "New or worsening nerve symptoms. On natalizumab, ocrelizumab, ublituximab or "
            "rituximab, the medicine labels ask for these to be checked promptly.",
            "clinical-facts.md §1 and §10 (Tysabri label PML warning; NMSS relapse definition)",
            "7 days after the entry, or until acknowledged",
        ),
        Rule(
            "relapse",
            "consult",
            "New or worse MS symptoms",
            "New or worse MS symptoms lasting more than 24 hours (the usual description of a "
            "relapse), recorded in the last 14 days, that your care team has not been told of.",
            "clinical-facts.md §8: relapse definition (NMSS, VA) and treatment within 14 days "
            "of onset (NICE NG220); §10: fever or infection can bring back old symptoms",
            "14 days after the onset, or until you mark that your team knows",
        ),
        Rule(
            "result_out_of_range",
            "reminder",
            "A result outside the lab's range",
            "A test result outside the reference range printed on the lab's report, as you "
            "entered it.",
            "The lab's own reference range on your report",
            "30 days after the sample, or until acknowledged",
        ),
        Rule(
            "infusion_too_soon",
            "consult",
            "An infusion sooner than the usual minimum gap",
            "A regular dose given sooner after the previous one than the treatment's minimum gap.",
            "Minimum intervals in the catalog (e.g. Ocrevus: at least 20 weeks between doses)",
            "7 days after the infusion, or until acknowledged",
        ),
        Rule(
            "infusion_overdue",
            "reminder",
            "Infusion overdue",
            "The next infusion is past its due date and none has been logged.",
            "Treatment schedule in the catalog (resources/catalog.toml)",
            "until the infusion is logged",
        ),
        Rule(
            "monitoring_due",
            "reminder",
            "Check overdue",
            "A regular check for your treatment is past its due date.",
            "Monitoring schedule in the catalog (resources/catalog.toml)",
            "until the check is planned or logged as a follow-up",
        ),
        Rule(
            "follow_up_overdue",
            "reminder",
            "Follow-up overdue",
            "A follow-up is past its due date and not marked done.",
            "Your own follow-ups",
            "until the follow-up is marked done",
        ),
        Rule(
            "dose_not_counted",
            "consult",
            "Dose not counted toward the lifetime limit",
            "A dose of a treatment with a lifetime (cumulative) limit has no amount, or a unit "
            "that cannot be added to the total.",
            "Mitoxantrone label boxed warning (clinical-facts.md §7)",
            "until the dose is corrected, or until acknowledged",
        ),
        Rule(
            "cumulative_dose_limit",
            "consult",
            "Lifetime dose limit",
            "The next usual dose would take the lifetime (cumulative) total above its limit.",
            "Mitoxantrone label boxed warning (clinical-facts.md §7)",
            "while the limit is reached, or until acknowledged",
        ),
    )
}


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y} at {moment:%H:%M}"


SEVERE = 7  # a severity of 7 or more out of 10 is severe


def _alert(
    rule_id: str,
    recorded: str,
    action: str,
    entries: Iterable[str],
    raised_at: datetime,
    active_for: timedelta | None,
    criterion: str | None = None,
) -> Alert:
    rule = RULES[rule_id]
    criterion = criterion or rule.criterion
    until = raised_at + active_for if active_for is not None else None
    message = f"{recorded} This meets the criterion: {criterion} {action}"
    return Alert(
        rule.id, rule.level, rule.name, message, action, criterion, tuple(entries), raised_at, until
    )


def _symptom_text(effect: SideEffect, catalog: Catalog) -> str:
    name = catalog.symptom_name(effect.symptom, effect.other_label).lower()
    return f"{name} (severity {effect.severity} of 10) on {_when(effect.onset)}"


# ---------------------------------------------------------------- side-effect rules


# Symptoms that are urgent at any severity, and the rule each raises.
URGENT_SYMPTOM_RULES = {"severe_reaction": "severe_reaction", "gut_bleeding": "gut_bleeding"}


def severe_reaction(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    for effect in data.side_effects:
        symptom = catalog.symptoms.get(effect.symptom)
        if symptom is not None and symptom.alert in URGENT_SYMPTOM_RULES:
            yield _alert(
                URGENT_SYMPTOM_RULES[symptom.alert],
                f"You recorded {_symptom_text(effect, catalog)}.",
                URGENT_ACTION,
                [effect.id],
                effect.onset,
                timedelta(days=3),
            )


def _after_alemtuzumab(data: JournalData, effect: SideEffect) -> bool:
    return any(
        i.treatment == "alemtuzumab" and timedelta(0) <= effect.onset - i.start <= timedelta(days=3)
        for i in data.infusions
    )


# The catalog's alemtuzumab warning sign "stroke" (urgency: emergency) names "a sudden severe
# headache or neck pain"; a headache logged as severe (7 or more) or unusual counts as one.
STROKE_SIGN_SYMPTOMS = frozenset({"headache"})


def _stroke_sign(data: JournalData, effect: SideEffect) -> bool:
    severe = effect.severity >= SEVERE or effect.unusual
    return effect.symptom in STROKE_SIGN_SYMPTOMS and severe and _after_alemtuzumab(data, effect)


def neurological(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    """New nerve symptoms: urgent within 3 days of alemtuzumab (with a severe or unusual
    headache, the catalog's stroke sign), else a consult."""
    for effect in data.side_effects:
        symptom = catalog.symptoms.get(effect.symptom)
        nerve = symptom is not None and symptom.alert == "neurological"
        stroke = _stroke_sign(data, effect) or (nerve and _after_alemtuzumab(data, effect))
        if not (stroke or nerve):
            continue
        unusual = ", marked as feeling unusual" if effect.unusual and stroke and not nerve else ""
        recorded = f"You recorded {_symptom_text(effect, catalog)}{unusual}."
        rule, action, lasts = (
            ("stroke_signs_after_alemtuzumab", URGENT_ACTION, 3)
            if stroke
            else ("new_neurological_symptoms", CONSULT_ACTION, 7)
        )
        yield _alert(rule, recorded, action, [effect.id], effect.onset, timedelta(days=lasts))


def site_infection(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    redness: list[SideEffect] = []
    for effect in sorted(data.side_effects, key=lambda s: s.onset):
        symptom = catalog.symptoms.get(effect.symptom)
        kind = symptom.alert if symptom else ""
        if kind == "site_infection":
            yield _alert(
                "site_infection",
                f"You recorded {_symptom_text(effect, catalog)}.",
                CONSULT_ACTION,
                [effect.id],
                effect.onset,
                timedelta(days=7),
            )
        elif kind == "site_redness_tracking":
            earlier = _previous_redness(redness, effect)
            if earlier is not None and effect.severity > earlier.severity:
                recorded = (
                    f"You recorded redness where the needle went in getting worse: "
                    f"severity {earlier.severity} on {_when(earlier.onset)}, then "
                    f"{effect.severity} on {_when(effect.onset)}."
                )
                yield _alert(
                    "site_infection",
                    recorded,
                    CONSULT_ACTION,
                    [earlier.id, effect.id],
                    effect.onset,
                    timedelta(days=7),
                )
            redness.append(effect)


def _previous_redness(earlier: list[SideEffect], effect: SideEffect) -> SideEffect | None:
    """The last redness entry for the same infusion, or within the 7 days before."""
    for candidate in reversed(earlier):
        same_infusion = effect.infusion is not None and candidate.infusion == effect.infusion
        recent = timedelta(0) <= effect.onset - candidate.onset <= timedelta(days=7)
        if same_infusion or (effect.infusion is None or candidate.infusion is None) and recent:
            return candidate
    return None


def unexplained_bruising(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    for effect in data.side_effects:
        symptom = catalog.symptoms.get(effect.symptom)
        if symptom is not None and symptom.alert == "unexplained_bruising":
            yield _alert(
                "unexplained_bruising",
                f"You recorded {_symptom_text(effect, catalog)}.",
                CONSULT_ACTION,
                [effect.id],
                effect.onset,
                timedelta(days=7),
            )


def severe_or_unusual(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    for effect in data.side_effects:
        symptom = catalog.symptoms.get(effect.symptom)
        if (
            symptom is not None
            and symptom.alert in URGENT_SYMPTOM_RULES
            or _stroke_sign(data, effect)
        ):
            continue  # already an urgent alert
        reasons = []
        if effect.severity >= SEVERE:
            reasons.append(f"severity {effect.severity} of 10")
        if effect.unusual:
            reasons.append("marked as feeling unusual")
        if reasons:
            name = catalog.symptom_name(effect.symptom, effect.other_label).lower()
            recorded = f"You recorded {name} on {_when(effect.onset)}, {' and '.join(reasons)}."
            yield _alert(
                "severe_or_unusual",
                recorded,
                CONSULT_ACTION,
                [effect.id],
                effect.onset,
                timedelta(days=7),
            )


def persistent_symptom(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    for effect in data.side_effects:
        symptom = catalog.symptoms.get(effect.symptom)
        if symptom is None or not symptom.expected_hours.value:
            continue
        expected = timedelta(hours=float(symptom.expected_hours.value))
        start = _counted_from(data, catalog, effect, symptom.counted_from)
        end = effect.resolved or moment
        if end - start <= expected:
            continue
        raised = start + expected
        name = catalog.symptom_name(effect.symptom).lower()
        since = "" if start == effect.onset else f" and the last day of the course, {_when(start)}"
        recorded = (
            f"You recorded {name} starting {_when(effect.onset)}{since}; it has lasted longer "
            f"than the expected {_hours_text(expected)}"
        )
        if effect.resolved is None:
            recorded += " and is not marked as gone"
        if symptom.expected_hours.is_default:
            recorded += " (the expected time is a default you can change in Settings)"
        recorded += "."
        active = None if effect.resolved is None else effect.resolved - raised
        yield _alert("persistent_symptom", recorded, CONSULT_ACTION, [effect.id], raised, active)


def _counted_from(
    data: JournalData, catalog: Catalog, effect: SideEffect, counted_from: str
) -> datetime:
    """When the expected time starts: the onset, or the last session of the course the
    effect began in (steroid side effects, as the catalog says)."""
    if counted_from != "course_end":
        return effect.onset
    sessions = sorted(
        (i for i in data.infusions if _is_course(catalog, i.treatment)), key=lambda i: i.start
    )
    started = [c for c in group_courses(sessions) if c[0].start <= effect.onset]
    if not started:
        return effect.onset
    last = started[-1][-1]
    return max(effect.onset, last.end or last.start)


def _is_course(catalog: Catalog, treatment_id: str) -> bool:
    treatment = catalog.treatments.get(treatment_id)
    return treatment is not None and treatment.schedule.type == "course_only"


def _hours_text(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours / 24:g} days" if hours >= 48 and hours % 24 == 0 else f"{hours:g} hours"


# ---------------------------------------------------------------- temperature


def _high_readings(data: JournalData) -> list[TemperatureReading]:
    readings = list(data.temperatures)
    for infusion in data.infusions:
        for vitals, offset in ((infusion.vitals_before, 0), (infusion.vitals_after, 1)):
            if vitals.temperature is not None:
                taken = (infusion.end or infusion.start) if offset else infusion.start
                readings.append(
                    TemperatureReading(
                        infusion.id, taken, vitals.temperature, vitals.temperature_unit
                    )
                )
    return sorted(
        (r for r in readings if is_above_threshold(r.value, r.unit, data.settings)),
        key=lambda r: r.taken,
    )


def fever(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    episode: list[TemperatureReading] = []
    for reading in _high_readings(data):
        if episode and reading.taken - episode[-1].taken > FEVER_EPISODE_GAP:
            yield _fever_alert(episode, data)
            episode = []
        episode.append(reading)
    if episode:
        yield _fever_alert(episode, data)


def _fever_alert(episode: list[TemperatureReading], data: JournalData) -> Alert:
    unit = data.settings.temperature_unit
    highest = max(episode, key=lambda r: r.value if r.unit == "F" else r.value * 9 / 5 + 32)
    shown = format_temperature(highest.value, highest.unit, unit)
    threshold = threshold_text(data.settings)
    if len(episode) > 1:
        recorded = (
            f"You recorded {len(episode)} temperatures above your fever threshold of "
            f"{threshold}; the highest was {shown} on {_when(highest.taken)}."
        )
    else:
        recorded = (
            f"You recorded a temperature of {shown} on {_when(highest.taken)}, above your "
            f"fever threshold of {threshold}."
        )
    entries = list(dict.fromkeys(r.id for r in episode))
    return _alert(
        "fever",
        recorded,
        CONSULT_ACTION,
        entries,
        episode[0].taken,
        episode[-1].taken - episode[0].taken + timedelta(days=3),
        _fever_criterion(data),
    )


def _fever_criterion(data: JournalData) -> str | None:
    """The document's criterion, or the person's own threshold when they changed it."""
    settings = data.settings
    if (settings.fever_threshold, settings.fever_threshold_unit) == DEFAULT_FEVER_THRESHOLD:
        return None
    return (
        f"A temperature above your own fever threshold of {threshold_text(settings)}, one of "
        f"the signs of infection to report (the source document's is 100 °F / 37.8 °C)."
    )


# ---------------------------------------------------------------- reminders


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time())


def reminders(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    today = moment.date()
    for item in due_items(data, catalog, today):
        if not item.overdue(today):
            continue
        due = f"{item.due:%a} {item.due.day} {item.due:%b %Y}"
        if item.kind == "infusion":
            yield _alert(
                "infusion_overdue",
                f"Your {item.title.lower()} was due on {due}.",
                "If you have had it, log it; if not, contact your infusion centre or care team.",
                [f"due:{item.treatment}:{item.due.isoformat()}"],
                _start_of(item.due),
                None,
            )
        elif item.kind == "monitoring":
            yield _alert(
                "monitoring_due",
                f"Due on {due}: {item.title}.",
                "If it has been done, log it as a follow-up marked done; if not, ask "
                "your care team when it is booked.",
                [f"task:{item.task}:{item.due.isoformat()}"],
                _start_of(item.due),
                None,
            )
        else:
            yield _alert(
                "follow_up_overdue",
                f"{item.title} was due on {due} and is not marked done.",
                "If it has happened, mark it done; if not, contact your care team to rebook it.",
                [item.entry or ""],
                _start_of(item.due),
                None,
            )


def dose_limit(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    treatment_id = current_treatment(data, catalog)
    treatment = catalog.treatments.get(treatment_id or "")
    total = cumulative_dose(data, treatment) if treatment else None
    if treatment is None or total is None or not data.infusions:
        return
    dose = treatment.default_dose.value if treatment.default_dose else 0
    if total.given + Decimal(str(dose)) > total.limit:
        last = max(i.start for i in data.infusions if i.treatment == treatment.id)
        region = "EU" if data.settings.cumulative_region == "eu" else "US"
        recorded = (
            f"Your journal shows {total.given} {total.unit} of {treatment.name} given. "
            f"One more usual dose of {dose} {total.unit} would pass the lifetime limit of "
            f"{total.limit} {total.unit} ({region} label)."
        )
        yield _alert(
            "cumulative_dose_limit",
            recorded,
            "Talk with your care team before any further dose.",
            [f"limit:{treatment.id}"],
            last,
            None,
        )


def dose_not_counted(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    """Doses of a treatment with a lifetime limit that the total cannot include, by name."""
    for treatment_id in sorted({i.treatment for i in data.infusions}):
        treatment = catalog.treatments.get(treatment_id)
        total = cumulative_dose(data, treatment) if treatment else None
        if treatment is None or total is None or not total.not_counted:
            continue
        listed = "; ".join(_dose_text(i, total.unit) for i in total.not_counted)
        recorded = (
            f"Your journal has {treatment.name} doses that cannot be added to the lifetime "
            f"total ({total.given} of {total.limit} {total.unit} counted): {listed}."
        )
        yield _alert(
            "dose_not_counted",
            recorded,
            f"Add each dose in {total.unit}, or ask your care team for your lifetime total "
            f"before any further dose.",
            [i.id for i in total.not_counted],
            max(i.start for i in total.not_counted),
            None,
        )


def relapse(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    """A relapse of the last 14 days the care team has not confirmed or treated yet."""
    for entry in data.relapses:
        if moment - entry.onset >= RELAPSE_WINDOW or entry.confirmed or entry.treated_with:
            continue
        yield _alert(
            "relapse",
            f"You recorded new or worse MS symptoms from {_when(entry.onset)}: "
            f"{entry.description.rstrip('.')}.",
            "Tell your care team about new or worse MS symptoms: some relapses are treated, "
            "best within 14 days. Say if you have a fever or an infection: these can bring "
            "old symptoms back for a while. When they know, mark this alert as seen.",
            [entry.id],
            entry.onset,
            RELAPSE_WINDOW,
        )


def result_out_of_range(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    """A result outside the range the person copied from the lab's report; never urgent."""
    for result in data.test_results:
        if not result.out_of_range or moment - result.moment >= RESULT_REMINDER_DAYS:
            continue
        name = catalog.test_name(result.test, result.other_label)
        recorded = (
            f"{name} on {human_date(result.moment.date())}: {value_text(result)}, outside "
            f"the range on the lab's report ({range_text(result)})."
        )
        notes = " ".join(note_text(n) for n in notes_for(result, data, catalog))
        yield _alert(
            "result_out_of_range",
            f"{recorded} {notes}" if notes else recorded,
            "Ask your care team about this result if they have not talked to you about it.",
            [result.id],
            result.moment,
            RESULT_REMINDER_DAYS,
        )


def _dose_text(infusion: Infusion, unit: str) -> str:
    if infusion.dose is None:
        return f"{_when(infusion.start)}, no dose logged"
    shown = infusion.dose_unit.strip() or "no unit"
    return f"{_when(infusion.start)}, {infusion.dose} {shown} (not {unit})"


def infusion_too_soon(data: JournalData, catalog: Catalog, moment: datetime) -> Iterable[Alert]:
    """Regular doses (after any starting doses) closer together than the minimum gap."""
    for treatment_id in {i.treatment for i in data.infusions}:
        treatment = catalog.treatments.get(treatment_id)
        if treatment is None or treatment.schedule.min_interval_days is None:
            continue
        yield from _too_soon(data, treatment)


def _too_soon(data: JournalData, treatment: Treatment) -> Iterable[Alert]:
    minimum = treatment.schedule.min_interval_days
    if minimum is None:
        return
    given = sorted(
        (i for i in data.infusions if i.treatment == treatment.id), key=lambda i: i.start
    )
    loading_done = bool(
        data.plan and data.plan.treatment == treatment.id and data.plan.loading_done
    )
    first_regular = 1 if loading_done else len(treatment.schedule.loading_days)
    pairs = zip(given[max(first_regular - 1, 0) :], given[max(first_regular, 1) :], strict=False)
    for earlier, later in pairs:  # each dose with the one after it
        gap = (later.start.date() - earlier.start.date()).days
        if gap >= int(minimum.value):
            continue
        usual = (
            "a usual minimum, not confirmed by the label"
            if minimum.is_default
            else "the label's minimum"
        )
        recorded = (
            f"You logged a {treatment.name} infusion on {_when(later.start)}, {gap} days "
            f"after the one before; {usual} is {int(minimum.value)} days."
        )
        yield _alert(
            "infusion_too_soon",
            recorded,
            "Tell your care team, so they can check the timing of your next dose.",
            [earlier.id, later.id],
            later.start,
            timedelta(days=7),
        )


RuleFunction = Callable[[JournalData, Catalog, datetime], Iterable[Alert]]
RULE_FUNCTIONS: tuple[RuleFunction, ...] = (
    severe_reaction,
    neurological,
    fever,
    site_infection,
    unexplained_bruising,
    severe_or_unusual,
    persistent_symptom,
    reminders,
    dose_limit,
    dose_not_counted,
    infusion_too_soon,
    relapse,
    result_out_of_range,
)


def _with_acknowledgement(alert: Alert, data: JournalData) -> Alert:
    for ack in data.acknowledgements:
        if ack.alert_key == alert.key:
            return replace(alert, acknowledged_at=ack.at, acknowledgement_note=ack.note)
    return alert


def all_alerts(data: JournalData, catalog: Catalog, moment: datetime) -> list[Alert]:
    """Every alert raised up to `moment`, acknowledged or not, most important first."""
    seen = as_of(data, moment)
    raised = [
        _with_acknowledgement(alert, seen)
        for rule in RULE_FUNCTIONS
        for alert in rule(seen, catalog, moment)
    ]
    return sort_alerts(raised)


def sort_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    by_time = sorted(alerts, key=lambda a: a.raised_at, reverse=True)
    return sorted(by_time, key=lambda a: LEVELS.index(a.level))


def active_alerts(data: JournalData, catalog: Catalog, moment: datetime) -> list[Alert]:
    """The alerts to show now: raised, not acknowledged and still within their active time."""
    return [a for a in all_alerts(data, catalog, moment) if a.is_active(moment)]


def alerts_for_entry(
    data: JournalData, catalog: Catalog, moment: datetime, entry_id: str
) -> list[Alert]:
    """The active alerts a newly saved entry raised, for the window to show at once."""
    return [a for a in active_alerts(data, catalog, moment) if entry_id in a.entries]
