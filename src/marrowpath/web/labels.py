"""Wording of the web UI in English and German, and number and date formats per language.

Page chrome only (buttons, headings, hints); clinical texts come from the knowledge base and
the core. Keys not found here fall back to :func:`marrowpath.i18n.t`, the labels shared with
the CLI, so that both say the same.
"""

from __future__ import annotations

import datetime as dt

from marrowpath.i18n import t as shared_label

__all__ = ["LABELS", "day_month", "label", "number", "percent", "short_date"]

LABELS: dict[str, tuple[str, str]] = {
    # chrome
    "app_tagline": ("Bone marrow edema decision support", "Entscheidungshilfe Knochenmarködem"),
    "skip_to_content": ("Skip to content", "Zum Inhalt springen"),
    "nav_main": ("Main", "Hauptnavigation"),
    "nav_episodes": ("Episodes", "Episoden"),
    "nav_new_case": ("New case", "Neuer Fall"),
    "nav_knowledge": ("Knowledge", "Wissensbasis"),
    "language": ("Language", "Sprache"),
    "lang_name_en": ("English", "English"),
    "lang_name_de": ("Deutsch", "Deutsch"),
    "signed_in_as": ("Signed in as {name}", "Angemeldet als {name}"),
    "local_mode_note": (
        "Single-user local mode (no login)",
        "Lokaler Einzelplatzmodus (ohne Anmeldung)",
    ),
    "logout": ("Log out", "Abmelden"),
    "disclaimer_heading": ("Decision support only", "Nur Entscheidungsunterstützung"),
    "knowledge_version": ("Knowledge base version {version}", "Wissensbasis Version {version}"),
    # home
    "home_title": ("Episodes", "Episoden"),
    "home_intro": (
        "Each episode follows one patient's bone marrow edema from the first assessment to "
        "healing.",
        "Jede Episode begleitet das Knochenmarködem eines Patienten von der ersten Beurteilung "
        "bis zur Heilung.",
    ),
    "no_episodes": (
        "No episodes yet. Start with a new case.",
        "Noch keine Episoden. Beginnen Sie mit einem neuen Fall.",
    ),
    "patient": ("Patient", "Patient"),
    "started": ("Started", "Beginn"),
    "status": ("Status", "Status"),
    "open": ("Open", "Öffnen"),
    "status_open": ("open", "offen"),
    "status_closed": ("closed", "abgeschlossen"),
    # case form
    "case_title": ("New case", "Neuer Fall"),
    "case_intro": (
        "Enter what is known. Leave a finding at “not known” unless it was asked or examined: "
        "unknown is different from absent.",
        "Erfassen Sie, was bekannt ist. Lassen Sie einen Befund auf „nicht bekannt“, solange er "
        "nicht erfragt oder untersucht wurde: unbekannt ist nicht dasselbe wie nicht vorhanden.",
    ),
    "section_patient": ("Patient", "Patient"),
    "section_presentation": ("Presentation", "Vorstellung"),
    "section_report": ("MRI report", "MRT-Befund"),
    "report_text": ("Report text", "Befundtext"),
    "section_findings": ("Findings", "Befunde"),
    "pseudonym": ("Patient pseudonym", "Patienten-Pseudonym"),
    "pseudonym_hint": (
        "A pseudonymous id from your records, never a name.",
        "Eine pseudonyme Kennung aus Ihren Unterlagen, nie ein Name.",
    ),
    "age": ("Age (years)", "Alter (Jahre)"),
    "sex": ("Sex", "Geschlecht"),
    "sex_female": ("female", "weiblich"),
    "sex_male": ("male", "männlich"),
    "sex_other": ("other", "divers"),
    "activity": ("Activity", "Aktivität"),
    "activity_sedentary": ("sedentary", "wenig aktiv"),
    "activity_active": ("active", "aktiv"),
    "activity_recreational_athlete": ("recreational athlete", "Freizeitsportler"),
    "activity_competitive_athlete": ("competitive athlete", "Leistungssportler"),
    "egfr": ("eGFR (mL/min/1.73 m²)", "eGFR (mL/min/1,73 m²)"),
    "pregnancy": ("Pregnancy", "Schwangerschaft"),
    "pregnancy_not_pregnant": ("not pregnant", "nicht schwanger"),
    "pregnancy_pregnant": ("pregnant", "schwanger"),
    "pregnancy_postpartum": ("postpartum", "nach der Entbindung"),
    "trimester": ("Trimester", "Trimenon"),
    "breastfeeding": ("Breastfeeding", "Stillzeit"),
    "side_left": ("left", "links"),
    "side_right": ("right", "rechts"),
    "side_bilateral": ("both sides", "beidseits"),
    "onset_weeks": ("Weeks since symptoms began", "Wochen seit Beschwerdebeginn"),
    "trauma": ("Injury before onset", "Verletzung vor Beginn"),
    "plan_start": ("Plan starts on", "Planbeginn am"),
    "not_known": ("not known", "nicht bekannt"),
    "yes_present": ("present", "vorhanden"),
    "no_absent": ("absent", "nicht vorhanden"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "choose": ("choose…", "bitte wählen…"),
    "report_hint": (
        "Paste an MRI report (English or German) and read it into the form; review the "
        "findings before you assess.",
        "Fügen Sie einen MRT-Befund (deutsch oder englisch) ein und übernehmen Sie ihn in das "
        "Formular; prüfen Sie die Befunde vor der Beurteilung.",
    ),
    "read_report": ("Read report into the form", "Befund in das Formular übernehmen"),
    "report_read": (
        "{count} findings were read from the report and are marked “from report”. Review them "
        "before you assess.",
        "{count} Befunde wurden aus dem Befundtext übernommen und sind mit „aus Befund“ "
        "markiert. Bitte vor der Beurteilung prüfen.",
    ),
    "report_nothing": (
        "No finding of the catalogue was found in the report.",
        "Im Befundtext wurde kein Befund des Katalogs gefunden.",
    ),
    "report_empty": (
        "report: the text is empty; paste a report first",
        "report: der Text ist leer; bitte zuerst einen Befund einfügen",
    ),
    # messages of the form checks: field name, the value as given, what was expected
    "err_required": ("{name}: {what} is required", "{name}: {what} ist erforderlich"),
    "what_patient": ("a pseudonymous patient id", "eine pseudonyme Patientenkennung"),
    "what_region": ("a region", "eine Region"),
    "err_not_number": ("{name}: {value} is not a number", "{name}: {value} ist keine Zahl"),
    "err_not_whole": (
        "{name}: {value} is not a whole number",
        "{name}: {value} ist keine ganze Zahl",
    ),
    "err_not_choice": (
        "{name}: {value} is not one of {choices}",
        "{name}: {value} ist keiner der Werte {choices}",
    ),
    "err_not_date": (
        "{name}: {value} is not a date (YYYY-MM-DD)",
        "{name}: {value} ist kein Datum (JJJJ-MM-TT)",
    ),
    "err_too_long": (
        "{name}: {value}… is over 128 characters",
        "{name}: {value}… ist länger als 128 Zeichen",
    ),
    "err_pain": (
        "{name}: {value} is not a whole number from 0 to 10",
        "{name}: {value} ist keine ganze Zahl von 0 bis 10",
    ),
    "err_weight_bearing": (
        "weight_bearing: choose how much weight is borne",
        "weight_bearing: bitte die Belastung wählen",
    ),
    "edema_read": ("Edema read from the report", "Aus dem Befund gelesenes Ödem"),
    "from_report": ("from report", "aus Befund"),
    "mention_present": ("present", "vorhanden"),
    "mention_negated": ("negated", "verneint"),
    "mention_uncertain": ("uncertain", "unsicher"),
    "mention_historical": ("earlier", "früher"),
    "mention_resolved": ("resolved", "rückläufig/abgeheilt"),
    "mention_hypothetical": ("hypothetical", "hypothetisch"),
    "region_assumed": ("region assumed", "Region angenommen"),
    "assess_button": ("Assess and open episode", "Beurteilen und Episode anlegen"),
    "errors_heading": ("Please correct the following", "Bitte korrigieren Sie Folgendes"),
    "required": ("{field}: this field is required", "{field}: dieses Feld ist erforderlich"),
    "category_history": ("History", "Anamnese"),
    "category_symptom": ("Symptoms", "Symptome"),
    "category_sign": ("Examination", "Klinische Untersuchung"),
    "category_lab": ("Laboratory", "Labor"),
    "category_xray": ("Radiograph", "Röntgen"),
    "category_mri": ("MRI", "MRT"),
    "category_ct": ("CT", "CT"),
    "category_scintigraphy": ("Scintigraphy", "Szintigrafie"),
    "category_demographic": ("Demographics", "Demografie"),
    "known_count": ("{count} given", "{count} angegeben"),
    # episode tabs
    "tab_assessment": ("Assessment", "Beurteilung"),
    "tab_plan": ("Care plan", "Behandlungsplan"),
    "tab_followup": ("Follow-up", "Verlauf"),
    "episode_of": ("Episode of {patient}", "Episode von {patient}"),
    # assessment
    "case_entered": ("Case as entered", "Erfasster Fall"),
    "findings_present": ("Present", "Vorhanden"),
    "findings_absent": ("Absent", "Nicht vorhanden"),
    "findings_measured": ("Measured", "Gemessen"),
    "leading": ("Leading diagnosis", "Führende Diagnose"),
    "red_flags_present": (
        "Red flags: act on these before anything else",
        "Warnzeichen: vor allem anderen abklären",
    ),
    "urgency_emergency": ("emergency", "Notfall"),
    "urgency_urgent": ("urgent", "dringlich"),
    "urgency_soon": ("soon", "zeitnah"),
    "chart_probabilities": (
        "Probability of each diagnosis",
        "Wahrscheinlichkeit jeder Diagnose",
    ),
    "chart_waterfall": ("Contributions", "Beiträge"),
    "chart_log_score": (
        "log score: ln(prior) + sum of ln(LR)",
        "Log-Score: ln(A-priori) + Summe ln(LR)",
    ),
    "chart_total": ("Score", "Score"),
    "explanation": ("Explanation", "Erklärung"),
    "explanation_hint": (
        "Each finding multiplies the odds by its likelihood ratio (LR); LR above 1 speaks for, "
        "below 1 against the diagnosis.",
        "Jeder Befund multipliziert die Chancen mit seinem Likelihood-Quotienten (LR); LR über 1 "
        "spricht dafür, unter 1 dagegen.",
    ),
    "value": ("Value", "Wert"),
    "no_contributions": (
        "No finding given moves this diagnosis; it rests on its prior.",
        "Kein angegebener Befund verändert diese Diagnose; sie beruht auf der "
        "A-priori-Wahrscheinlichkeit.",
    ),
    "no_classifications": (
        "No classification applies to the findings given.",
        "Keine Klassifikation trifft auf die angegebenen Befunde zu.",
    ),
    "no_next": (
        "No further examination would change the ranking much.",
        "Keine weitere Untersuchung würde die Rangfolge wesentlich ändern.",
    ),
    "examination": ("Examination", "Untersuchung"),
    "grade": ("Grade", "Grad"),
    "matched": ("Matched findings", "Erfüllte Befunde"),
    "separates": ("Separates", "Trennt"),
    "open_plan": ("Open the care plan", "Zum Behandlungsplan"),
    "open_followup": ("Open the follow-up", "Zum Verlauf"),
    "more_diagnoses": ("Other diagnoses", "Weitere Diagnosen"),
    # plan
    "plan_title": ("Care plan", "Behandlungsplan"),
    "urgent_workup": ("Urgent work-up", "Dringliche Abklärung"),
    "chart_timeline": ("Timeline of the care plan", "Zeitplan des Behandlungsplans"),
    "expected_healing": ("expected healing", "erwartete Heilung"),
    "expected_healing_title": ("Expected healing", "Erwartete Heilung"),
    "return_to_sport": ("return to sport", "Sport"),
    "return_to_sport_title": ("Return to sport", "Rückkehr zum Sport"),
    "week_short": ("W", "W"),
    "weeks": ("weeks", "Wochen"),
    "phases": ("Phases", "Phasen"),
    "phase": ("Phase", "Phase"),
    "dates": ("Dates", "Zeitraum"),
    "weight_bearing": ("Weight bearing", "Belastung"),
    "aids": ("Aids", "Hilfsmittel"),
    "allowed": ("Allowed", "Erlaubt"),
    "avoid": ("Avoid", "Vermeiden"),
    "therapies": ("Therapy classes (never doses)", "Therapieklassen (keine Dosierungen)"),
    "therapy": ("Therapy class", "Therapieklasse"),
    "therapy_status_recommended": ("recommended", "empfohlen"),
    "therapy_status_consider": ("consider", "erwägen"),
    "therapy_status_not_recommended": ("not recommended", "nicht empfohlen"),
    "therapy_status_contraindicated": ("contraindicated", "kontraindiziert"),
    "contraindicated_because": (
        "Contraindicated or caution because of",
        "Kontraindikation oder Vorsicht wegen",
    ),
    "check_first": ("Check first (not known)", "Zuerst prüfen (nicht bekannt)"),
    "evidence": ("Evidence", "Evidenz"),
    "follow_ups": ("Follow-ups", "Kontrollen"),
    "date": ("Date", "Datum"),
    "what": ("What", "Was"),
    "imaging": ("Imaging", "Bildgebung"),
    "warnings": ("Warnings", "Hinweise"),
    "warning_red_flag": ("red flag", "Warnzeichen"),
    "warning_adjustment": ("adjustment", "Anpassung"),
    "warning_contraindication": ("contraindication", "Kontraindikation"),
    "warning_caution": ("caution", "Vorsicht"),
    "warning_check": ("check", "prüfen"),
    "downloads": ("Downloads", "Downloads"),
    "download_pdf": ("Patient handout (PDF)", "Patienteninformation (PDF)"),
    "download_ics": ("Calendar of follow-ups (.ics)", "Kalender der Kontrollen (.ics)"),
    "download_fhir": ("FHIR R4 CarePlan bundle (JSON)", "FHIR-R4-CarePlan-Bundle (JSON)"),
    "download_png": ("Pain chart (PNG)", "Schmerzverlauf (PNG)"),
    # follow-up
    "followup_title": ("Follow-up", "Verlauf"),
    "chart_pain_title": (
        "Pain over time against the expected course",
        "Schmerzverlauf im Vergleich zum erwarteten Verlauf",
    ),
    "chart_pain": ("pain (0-10)", "Schmerz (0-10)"),
    "chart_weeks": ("weeks since start", "Wochen seit Beginn"),
    "chart_band": ("expected course", "erwarteter Verlauf"),
    "no_course": (
        "No expected course: this plan is an urgent work-up.",
        "Kein erwarteter Verlauf: dieser Plan ist eine dringliche Abklärung.",
    ),
    "no_visits": ("No visits recorded yet.", "Noch keine Besuche erfasst."),
    "visits": ("Visits", "Besuche"),
    "add_visit": ("Add a visit", "Besuch erfassen"),
    "visit_date": ("Visit date", "Besuchsdatum"),
    "pain_rest": ("Pain at rest", "Ruheschmerz"),
    "pain_load": ("Pain under load", "Belastungsschmerz"),
    "pain_hint": (
        "0 = no pain, 10 = worst imaginable",
        "0 = kein Schmerz, 10 = stärkster vorstellbarer",
    ),
    "function_notes": ("Function notes", "Funktion (Notizen)"),
    "new_imaging": ("New imaging result", "Neuer Bildgebungsbefund"),
    "save_visit": ("Save visit", "Besuch speichern"),
    "visit_saved": ("Visit saved.", "Besuch gespeichert."),
    "alerts": ("Alerts", "Warnhinweise"),
    "no_alerts": (
        "No alert: the course is as expected so far.",
        "Kein Warnhinweis: der Verlauf entspricht bisher der Erwartung.",
    ),
    "alert_no_improvement": ("no improvement", "keine Besserung"),
    "alert_pain_rising": ("pain rising", "Schmerz steigt"),
    "alert_beyond_window": ("beyond the healing window", "außerhalb des Heilungsfensters"),
    "alert_new_red_flag": ("new red flag", "neues Warnzeichen"),
    "alert_follow_up_overdue": ("follow-up overdue", "Kontrolle überfällig"),
    "version": ("Version", "Version"),
    "close_episode": ("Close the episode", "Episode abschließen"),
    "reopen_episode": ("Open the episode again", "Episode wieder öffnen"),
    "close_hint": (
        "Close the episode when the edema has healed or care was handed over; visits can still "
        "be added.",
        "Schließen Sie die Episode, wenn das Ödem abgeheilt ist oder die Behandlung übergeben "
        "wurde; Besuche können weiter erfasst werden.",
    ),
    # knowledge
    "knowledge_title": ("Knowledge base", "Wissensbasis"),
    "knowledge_intro": (
        "Every condition, finding and likelihood the assessment uses, with its source.",
        "Alle Erkrankungen, Befunde und Likelihood-Quotienten der Beurteilung mit ihren Quellen.",
    ),
    "conditions": ("Conditions", "Erkrankungen"),
    "findings": ("Findings", "Befunde"),
    "sources": ("Sources", "Quellen"),
    "description": ("Description", "Beschreibung"),
    "typical_patients": ("Typical patients", "Typische Patienten"),
    "natural_history": ("Natural history", "Natürlicher Verlauf"),
    "healing": ("Healing", "Heilung"),
    "codes": ("Codes", "Codes"),
    "evidence_table": ("Findings and likelihood ratios", "Befunde und Likelihood-Quotienten"),
    "lr_pos": ("LR if present", "LR wenn vorhanden"),
    "lr_neg": ("LR if absent", "LR wenn nicht vorhanden"),
    "regions": ("Regions", "Regionen"),
    "all_regions": ("all", "alle"),
    "category": ("Category", "Kategorie"),
    "unit": ("Unit", "Einheit"),
    "kind": ("Kind", "Art"),
    "title": ("Title", "Titel"),
    "citation": ("Citation", "Fundstelle"),
    "source_kind_article": ("article", "Artikel"),
    "source_kind_reference": ("reference", "Referenz"),
    "source_kind_expert-estimate": ("expert estimate", "Expertenschätzung"),
    "filter": ("Filter", "Filter"),
    "show": ("Show", "Anzeigen"),
    # login and errors
    "login_title": ("Log in", "Anmelden"),
    "username": ("User name", "Benutzername"),
    "password": ("Password", "Passwort"),
    "login_button": ("Log in", "Anmelden"),
    "login_failed": (
        "User name or password is not correct.",
        "Benutzername oder Passwort ist nicht korrekt.",
    ),
    "logged_out": ("You are logged out.", "Sie sind abgemeldet."),
    "error_title": ("Something went wrong", "Etwas ist schiefgegangen"),
    "not_found_title": ("Not found", "Nicht gefunden"),
    "not_found": ("{what} {ident!r} does not exist.", "{what} {ident!r} existiert nicht."),
    "forbidden_title": ("Form refused", "Formular abgelehnt"),
    "csrf_refused": (
        "csrf_token: the form's security token is missing or stale; reload the page and send "
        "the form again",
        "csrf_token: das Sicherheitsmerkmal des Formulars fehlt oder ist veraltet; laden Sie "
        "die Seite neu und senden Sie das Formular erneut",
    ),
    "conflict_title": ("Changed meanwhile", "Inzwischen geändert"),
    "bad_input_title": ("Input not accepted", "Eingabe nicht angenommen"),
    "episode": ("episode", "Episode"),
    "condition_word": ("condition", "Erkrankung"),
    "back_home": ("Back to the episodes", "Zurück zu den Episoden"),
    # imaging (MRI edema measurement)
    "imaging_title": ("MRI edema measurement", "MRT-Ödemmessung"),
    "imaging_link": ("Measure edema on MRI images", "Ödem auf MRT-Bildern messen"),
    "imaging_link_hint": (
        "Upload a study (NIfTI): volume, share of the bone and grades, stored with a visit.",
        "Untersuchung hochladen (NIfTI): Volumen, Anteil am Knochen und Grade, gespeichert mit "
        "einem Besuch.",
    ),
    "imaging_intro": (
        "The edema is measured by a reference-relative threshold that has been checked on "
        "synthetic phantoms only, not on patient images. Review the overlay images.",
        "Das Ödem wird mit einer Schwelle relativ zum normalen Mark gemessen, die nur an "
        "synthetischen Phantomen geprüft ist, nicht an Patientenbildern. Prüfen Sie die "
        "Überlagerungsbilder.",
    ),
    "imaging_upload": ("Measure a new study", "Neue Untersuchung messen"),
    "imaging_files_hint": (
        "NIfTI files (.nii or .nii.gz) on one voxel grid, at most {mb} MB each.",
        "NIfTI-Dateien (.nii oder .nii.gz) auf einem Voxelgitter, je höchstens {mb} MB.",
    ),
    "imaging_fluid": (
        "Fluid-sensitive image (STIR, T2 FS or PD FS)",
        "Flüssigkeitssensitives Bild (STIR, T2 FS oder PD FS)",
    ),
    "imaging_bone_mask": ("Bone mask or label map", "Knochenmaske oder Labelkarte"),
    "imaging_t1": (
        "T1 image (optional; needed for Modic types)",
        "T1-Bild (optional; nötig für Modic-Typen)",
    ),
    "imaging_labels": (
        "Label names (JSON, optional)",
        "Namen der Labels (JSON, optional)",
    ),
    "imaging_visit_hint": (
        "The measurement is stored with a new visit on this date.",
        "Die Messung wird mit einem neuen Besuch an diesem Datum gespeichert.",
    ),
    "imaging_submit": ("Measure and save", "Messen und speichern"),
    "imaging_saved": (
        "Measurement saved with the visit.",
        "Messung mit dem Besuch gespeichert.",
    ),
    "imaging_studies": ("Measured studies", "Gemessene Untersuchungen"),
    "imaging_no_studies": (
        "No study measured in this episode yet.",
        "In dieser Episode wurde noch keine Untersuchung gemessen.",
    ),
    "imaging_show": ("show", "anzeigen"),
    "imaging_result": ("Study of {date}", "Untersuchung vom {date}"),
    "imaging_volume": ("Edema volume", "Ödemvolumen"),
    "imaging_pv_volume": (
        "Partial-volume-weighted volume",
        "Partialvolumen-gewichtetes Volumen",
    ),
    "imaging_bone_volume": ("Bone volume", "Knochenvolumen"),
    "imaging_percent_of_bone": ("Share of the bone", "Anteil am Knochen"),
    "imaging_lesions": ("Separate lesions", "Getrennte Läsionen"),
    "imaging_grades": ("Grades with their raw numbers", "Grade mit ihren Rohwerten"),
    "imaging_no_grades": (
        "No grade: grades need labelled subregions.",
        "Kein Grad: Grade brauchen beschriftete Teilregionen.",
    ),
    "imaging_system": ("System", "Schema"),
    "imaging_region": ("Subregion", "Teilregion"),
    "imaging_fraction": ("Raw fraction", "Rohanteil"),
    "imaging_score": ("Score", "Punktwert"),
    "imaging_cutoffs": ("Cut-offs", "Grenzwerte"),
    "imaging_regions": ("Labelled regions", "Beschriftete Regionen"),
    "imaging_parameters": ("Parameters of the measurement", "Parameter der Messung"),
    "imaging_warnings": ("Warnings of the measurement", "Warnhinweise der Messung"),
    "imaging_no_warnings": ("No warning.", "Kein Warnhinweis."),
    "imaging_overlays": ("Overlay images", "Überlagerungsbilder"),
    "imaging_overlays_hint": (
        "Edema in red, bone outline in yellow, on the slices with the most edema.",
        "Ödem rot, Knochenumriss gelb, auf den Schichten mit dem meisten Ödem.",
    ),
    "imaging_overlay_alt": (
        "Overlay of {name}: edema in red, bone outline in yellow",
        "Überlagerung {name}: Ödem rot, Knochenumriss gelb",
    ),
    "imaging_change": ("Change against the earlier study", "Veränderung zur früheren Untersuchung"),
    "imaging_first_study": (
        "The first measured study of this episode: nothing to compare with.",
        "Die erste gemessene Untersuchung dieser Episode: kein Vergleich möglich.",
    ),
    "imaging_earlier_of": ("Earlier study of {date}", "Frühere Untersuchung vom {date}"),
    "imaging_before": ("Before", "Vorher"),
    "imaging_after": ("Now", "Jetzt"),
    "imaging_change_ml": ("Change", "Veränderung"),
    "imaging_trend": ("Trend", "Tendenz"),
    "imaging_trend_new": ("new edema", "neues Ödem"),
    "imaging_trend_resolved": ("resolved", "rückgebildet"),
    "imaging_trend_larger": ("larger", "größer"),
    "imaging_trend_smaller": ("smaller", "kleiner"),
    "imaging_trend_stable": ("stable", "unverändert"),
    "imaging_trend_none": ("no edema in either study", "in keiner Untersuchung Ödem"),
    "imaging_stable_band": (
        "Changes within ±{band} % count as stable (the volume error on phantoms).",
        "Veränderungen innerhalb ±{band} % gelten als unverändert (Volumenfehler an Phantomen).",
    ),
    "imaging_grade_changes": ("Changed grades", "Geänderte Grade"),
    "imaging_visit_text": (
        "Stored as the visit's imaging result",
        "Als Bildgebungsbefund des Besuchs gespeichert",
    ),
    "imaging_files": ("Uploaded files", "Hochgeladene Dateien"),
    "imaging_download_json": ("Measurement (JSON)", "Messung (JSON)"),
    "imaging_file_word": ("file", "Datei"),
    "err_file_required": ("{name}: a file is required", "{name}: eine Datei ist erforderlich"),
    "err_not_nifti": (
        "{name}: {value} is not a NIfTI file; expected .nii or .nii.gz",
        "{name}: {value} ist keine NIfTI-Datei; erwartet .nii oder .nii.gz",
    ),
    "err_not_json": (
        "{name}: {value} is not a JSON file; expected .json",
        "{name}: {value} ist keine JSON-Datei; erwartet .json",
    ),
    "err_too_large": (
        "{name}: {value} is larger than {limit} MB; expected at most {limit} MB",
        "{name}: {value} ist größer als {limit} MB; erlaubt sind höchstens {limit} MB",
    ),
    "err_request_too_large": (
        "upload: the request has {size} MB; at most {limit} MB are accepted",
        "upload: die Anfrage hat {size} MB; angenommen werden höchstens {limit} MB",
    ),
    "err_upload_unreadable": (
        "upload: the form could not be read ({detail})",
        "upload: das Formular konnte nicht gelesen werden ({detail})",
    ),
    # formats
    "percent_tiny": ("< 0.1 %", "< 0,1 %"),
}


def label(key: str, lang: str, **fields: object) -> str:
    """The label ``key`` in ``lang`` (English for other languages), formatted with ``fields``.

    Raises:
        KeyError: ``key`` is neither a UI label nor a shared label (a programming error).
    """
    pair = LABELS.get(key)
    text = (pair[1] if lang == "de" else pair[0]) if pair is not None else shared_label(key, lang)
    return text.format(**fields) if fields else text


def number(value: float, lang: str, digits: int = 2) -> str:
    """A number with up to ``digits`` significant decimals and the language's decimal mark."""
    text = f"{value:.{digits}g}" if abs(value) < 1 else f"{value:.{digits + 1}g}"
    if "e" in text:
        text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def percent(probability: float, lang: str) -> str:
    """A probability as a percentage with one decimal (``< 0.1 %`` below that)."""
    if probability < 0.0005:
        return label("percent_tiny", lang)
    text = f"{probability * 100:.1f} %"
    return text.replace(".", ",") if lang == "de" else text


def short_date(day: dt.date, lang: str) -> str:
    """``05.01.2026`` in German, ``5 Jan 2026`` in English."""
    if lang == "de":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def day_month(day: dt.date, lang: str) -> str:
    """``5.1.`` in German, ``5 Jan`` in English (axis ticks, where the year is known)."""
    if lang == "de":
        return f"{day.day}.{day.month}."
    return f"{day.day} {day.strftime('%b')}"
