"""An episode as the pages show it: the stored records plus assessment and plan in a language.

The store keeps the assessment and plan in the language they were made in. A page in the
other language re-runs the core on the stored case (same case, same start date, same
condition), which gives the same result in the other words; the result is memoised per
episode version and language.
"""

from __future__ import annotations

from dataclasses import dataclass

from marrowpath.case import Case
from marrowpath.pathway import CarePlan, plan
from marrowpath.reasoning import Assessment, assess
from marrowpath.store import EpisodeDetail, load_episode
from marrowpath.web.context import Web

__all__ = ["EpisodeView", "episode_view"]


@dataclass(frozen=True)
class EpisodeView:
    detail: EpisodeDetail
    case: Case
    assessment: Assessment
    care: CarePlan | None

    @property
    def id(self) -> str:
        return self.detail.episode.id


def _in_language(web: Web, detail: EpisodeDetail, lang: str) -> EpisodeView:
    latest = detail.case_versions[-1]
    case = Case.model_validate(latest.case)
    stored = Assessment.model_validate(latest.assessment)
    assessment = stored if stored.lang == lang else assess(case, lang, kb=web.kb)
    care = detail.plan
    if care is not None and care.lang != lang:
        base = assessment if stored.lang != lang else stored
        care = plan(base, care.start, condition=care.condition, lang=lang, kb=web.kb)
    return EpisodeView(detail=detail, case=case, assessment=assessment, care=care)


def episode_view(web: Web, episode_id: str, lang: str, actor: str) -> EpisodeView:
    """The episode with its newest case, assessment and plan in ``lang`` (read is audited).

    Raises:
        InputError: a malformed episode id.
        NotFoundError: no such episode.
    """
    detail = load_episode(web.store, episode_id, actor=actor)
    key = ("episode", detail.episode.id, detail.episode.version, lang)
    cached = web.cache.get(key)
    if isinstance(cached, EpisodeView):
        return EpisodeView(
            detail=detail, case=cached.case, assessment=cached.assessment, care=cached.care
        )
    view = _in_language(web, detail, lang)
    web.remember(key, view)
    return view
