"""CDS Hooks cards: built from texts prepared once at start, so a hook call only fills in ids.

Rules of CDS Hooks 2.0 kept here: ``summary`` at most 140 characters, ``indicator`` info,
warning or critical, ``source.label``, a ``uuid`` per card (for feedback), ``selectionBehavior``
whenever there are suggestions, no null or empty optional fields.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from marrowpath.knowledge import Knowledge
from marrowpath.reasoning.model import Assessment, RedFlagHit

__all__ = [
    "MAX_SUMMARY",
    "CardTexts",
    "assessment_cards",
    "card",
    "episode_card",
    "order_cards",
    "red_flag_cards",
    "summary",
]

MAX_SUMMARY = 140
XRAY_FIRST_REGIONS = ("hip", "knee", "ankle_foot", "shoulder")
SPINE = ("cervical_spine", "thoracic_spine", "lumbar_spine", "spine_unspecified")
ORDER_REGIONS = ("hip", "knee", "ankle_foot", "shoulder", *SPINE)
_XRAY_FIRST_SOURCE = {"hip": "s161"}

_T = {
    "en": {
        "protocol": "MRI {region}: include fluid-sensitive fat-suppressed (STIR/T2-FS/PD-FS) "
        "and T1 sequences",
        "protocol_detail": (
            "- Fluid-sensitive fat-suppressed sequences (T2 FS, PD FS, STIR) show and size "
            "bone marrow edema; gradient-echo sequences underestimate it [s67].\n"
            "- T1 tells edema from marrow replacement: confluent low T1 suggests "
            "osteomyelitis or infiltration [s107, s108, s114].\n"
            "- Subchondral fracture lines are best seen on T2/PD-weighted images [s37]."
        ),
        "spine_detail": "\n- Modic types are told apart by T1 and T2/STIR signal together "
        "(type I low T1, high T2; type II high T1) [s86, s87].",
        "xray_first": "No radiograph of the {region} in the last 90 days: consider a "
        "radiograph first",
        "xray_first_detail": (
            "Radiographs first, then MRI when they are negative or inconclusive{why}. "
            "Source: {source}."
        ),
        "xray_why_hip": " (MRI is the test of choice for acute non-traumatic hip pain with "
        "negative or inconclusive radiographs)",
        "xray_label": "Order a radiograph of the {region} first",
        "xray_order": "Radiograph of the {region}",
        "red_flag": "Red flag: {name}. {action}",
        "episode": "BME episode ({condition}, {region}): week {week}, {alerts}",
        "no_alerts": "no open alerts",
        "alerts": "{n} alert(s)",
        "assessment": "Bone marrow edema ({region}): {name} most likely ({p:.0%})",
        "open_episode": "Open the episode in MarrowPath",
        "open_ui": "Assess and plan in MarrowPath",
        "differential": "Differential (MarrowPath estimate from the knowledge base)",
        "next": "Next examinations",
        "visits": "Last visit {date}: pain at rest {rest}/10, on load {load}/10.",
    },
    "de": {
        "protocol": "MRT {region}: flüssigkeitssensitive fettgesättigte (STIR/T2-FS/PD-FS) "
        "und T1-Sequenzen",
        "protocol_detail": (
            "- Flüssigkeitssensitive fettgesättigte Sequenzen (T2 FS, PD FS, STIR) zeigen "
            "und vermessen das Knochenmarködem; Gradientenecho unterschätzt es [s67].\n"
            "- T1 trennt Ödem von Markersatz: konfluent niedriges T1 spricht für "
            "Osteomyelitis oder Infiltration [s107, s108, s114].\n"
            "- Subchondrale Frakturlinien sind in T2/PD-gewichteten Bildern am besten "
            "sichtbar [s37]."
        ),
        "spine_detail": "\n- Modic-Typen werden nur mit T1 und T2/STIR gemeinsam unterschieden "
        "(Typ I T1 niedrig, T2 hoch; Typ II T1 hoch) [s86, s87].",
        "xray_first": "Kein Röntgenbild {region} in den letzten 90 Tagen: zuerst Röntgen erwägen",
        "xray_first_detail": (
            "Zuerst Röntgen, dann MRT bei negativem oder unklarem Befund{why}. Quelle: {source}."
        ),
        "xray_why_hip": " (MRT ist bei akutem nicht-traumatischem Hüftschmerz mit negativem "
        "oder unklarem Röntgen die Methode der Wahl)",
        "xray_label": "Zuerst Röntgen {region} anfordern",
        "xray_order": "Röntgen {region}",
        "red_flag": "Warnzeichen: {name}. {action}",
        "episode": "KMÖ-Episode ({condition}, {region}): Woche {week}, {alerts}",
        "no_alerts": "keine offenen Hinweise",
        "alerts": "{n} Hinweis(e)",
        "assessment": "Knochenmarködem ({region}): am wahrscheinlichsten {name} ({p:.0%})",
        "open_episode": "Episode in MarrowPath öffnen",
        "open_ui": "In MarrowPath beurteilen und planen",
        "differential": "Differenzialdiagnose (MarrowPath-Schätzung aus der Wissensbasis)",
        "next": "Nächste Untersuchungen",
        "visits": "Letzter Besuch {date}: Ruheschmerz {rest}/10, unter Belastung {load}/10.",
    },
}


def summary(text: str) -> str:
    """One line of at most 140 characters (cut at a word with an ellipsis)."""
    line = " ".join(text.split())
    if len(line) <= MAX_SUMMARY:
        return line
    cut = line[: MAX_SUMMARY - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def card(
    text: str,
    indicator: str,
    source: dict[str, str],
    *,
    detail: str = "",
    links: list[dict[str, str]] | None = None,
    suggestions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A card with a fresh uuid; empty optional fields are left out."""
    out: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "summary": summary(text),
        "indicator": indicator,
        "source": source,
    }
    if detail:
        out["detail"] = detail
    if suggestions:
        out["suggestions"] = suggestions
        out["selectionBehavior"] = "at-most-one"
    if links:
        out["links"] = links
    return out


@dataclass(frozen=True)
class CardTexts:
    """Texts prepared once per language: region names, protocol advice per region."""

    lang: str
    region_names: dict[str, str]
    condition_names: dict[str, str]
    finding_names: dict[str, str]
    protocol: dict[str, tuple[str, str]]
    xray_first: dict[str, tuple[str, str, str, str]]

    @classmethod
    def build(cls, kb: Knowledge, lang: str) -> CardTexts:
        t = _T[lang]
        names = {rid: r.names.get(lang) for rid, r in kb.regions.items()}
        conditions = {cid: c.names.get(lang) for cid, c in kb.conditions.items()}
        findings = {fid: f.names.get(lang) for fid, f in kb.findings.items()}
        protocol = {}
        for rid in ORDER_REGIONS:
            if rid not in kb.regions:
                continue
            detail = t["protocol_detail"] + (t["spine_detail"] if rid in SPINE else "")
            protocol[rid] = (summary(t["protocol"].format(region=names[rid])), detail)
        xray = {}
        for rid in XRAY_FIRST_REGIONS:
            if rid not in kb.regions:
                continue
            source = _XRAY_FIRST_SOURCE.get(rid, "expert-estimate")
            why = t["xray_why_hip"] if rid == "hip" else ""
            xray[rid] = (
                summary(t["xray_first"].format(region=names[rid])),
                t["xray_first_detail"].format(why=why, source=source),
                t["xray_label"].format(region=names[rid]),
                t["xray_order"].format(region=names[rid]),
            )
        return cls(lang, names, conditions, findings, protocol, xray)

    def t(self, key: str) -> str:
        return _T[self.lang][key]


def red_flag_cards(
    flags: list[RedFlagHit], texts: CardTexts, source: dict[str, str], links: list[dict[str, str]]
) -> list[dict[str, Any]]:
    out = []
    for f in flags:
        detail = f"**{f.name}** ({f.urgency}): {f.action}\n\nSource: {f.source}."
        if f.triggered_by:
            names = [texts.finding_names.get(t, t) for t in f.triggered_by]
            detail += " Triggered by: " + ", ".join(names) + "."
        indicator = "critical" if f.urgency in ("emergency", "urgent") else "warning"
        text = texts.t("red_flag").format(name=f.name, action=f.action)
        out.append(card(text, indicator, source, detail=detail, links=links))
    return out


def assessment_cards(
    assessment: Assessment, texts: CardTexts, source: dict[str, str], link: dict[str, str]
) -> list[dict[str, Any]]:
    """Red-flag cards first, then one card with the ranked, sourced differential."""
    out = red_flag_cards(list(assessment.red_flags), texts, source, [link])
    if not assessment.differential:
        return out
    top = assessment.differential[0]
    region = texts.region_names.get(assessment.region, assessment.region)
    lines = [f"**{texts.t('differential')}**", "", "| | p |", "|---|---|"]
    for d in assessment.differential[:5]:
        lines.append(f"| {d.name} | {d.probability:.0%} |")
    if assessment.next_examinations:
        lines += ["", f"**{texts.t('next')}**", ""]
        lines += [f"- {n.name}: {n.examination}" for n in assessment.next_examinations[:3]]
    lines += ["", assessment.disclaimer]
    text = texts.t("assessment").format(region=region, name=top.name, p=top.probability)
    out.append(card(text, "info", source, detail="\n".join(lines), links=[link]))
    return out


def episode_card(
    *,
    texts: CardTexts,
    source: dict[str, str],
    link: dict[str, str],
    condition: str,
    region: str,
    week: int,
    alerts: list[str],
    last_visit: tuple[str, int, int] | None,
) -> dict[str, Any]:
    """The state of one open episode; warning when it has alerts."""
    t = texts.t
    count = t("alerts").format(n=len(alerts)) if alerts else t("no_alerts")
    text = t("episode").format(
        condition=texts.condition_names.get(condition, condition),
        region=texts.region_names.get(region, region),
        week=week,
        alerts=count,
    )
    detail_lines = [f"- {a}" for a in alerts[:10]]
    if last_visit is not None:
        date, rest, load = last_visit
        detail_lines.append(t("visits").format(date=date, rest=rest, load=load))
    return card(
        text,
        "warning" if alerts else "info",
        source,
        detail="\n".join(detail_lines),
        links=[link],
    )


def order_cards(
    *,
    texts: CardTexts,
    source: dict[str, str],
    modality: str,
    region: str,
    has_recent_xray: bool,
    patient_id: str | None,
    links: list[dict[str, str]],
) -> list[dict[str, Any]]:
    """Protocol advice and radiograph-first for an MRI order (radiograph orders get none)."""
    out: list[dict[str, Any]] = []
    if modality != "mri":
        return out
    if region in texts.protocol:
        text, detail = texts.protocol[region]
        out.append(card(text, "info", source, detail=detail, links=links))
    if region in texts.xray_first and not has_recent_xray:
        text, detail, label, order = texts.xray_first[region]
        resource: dict[str, Any] = {
            "resourceType": "ServiceRequest",
            "status": "draft",
            "intent": "proposal",
            "code": {"text": order},
        }
        if patient_id:
            resource["subject"] = {"reference": f"Patient/{patient_id}"}
        suggestion = {
            "label": label,
            "uuid": str(uuid.uuid4()),
            "actions": [{"type": "create", "description": label, "resource": resource}],
        }
        out.append(card(text, "warning", source, detail=detail, suggestions=[suggestion]))
    return out
