"""Reasons in words, from templates, in English, Italian and Russian.

Every reason carries the figures it states (``values``) and the source behind them, so
a test can check that the words equal the data they cite.
"""

from __future__ import annotations

from collections.abc import Mapping

from .data import Catalog, MarketRow
from .plan import Reason

__all__ = ["LANGUAGES", "Explainer"]

LANGUAGES = ("en", "it", "ru")

_TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "reach": "reaches about {pct} % of people in {country} ({source})",
        "restricted": "restricted in {country}: its reach there counts at half",
        "sector_reach": "reaches about {pct} % of the professionals of {sector} ({source})",
        "audience_age": "{pct} % of its users are aged {first}-{last} ({source})",
        "audience_professionals": "about {pct} % of its users are working professionals ({source})",
        "goal": "serves {goal} {strength} (affinity {affinity} of 1)",
        "vertical": "a network built for {sector}",
        "level": "at level {level}: {money:g} {currency}/month and {hours:g} h/week",
        "presence": "you are already there: no setup needed",
        "setup": "setting up takes about {hours:g} hours once",
        "excluded_by_you": "excluded by you",
        "blocked": "blocked in every target market: {countries}",
        "needs_premises": "needs a place customers visit or a local service area",
        "no_fit_reach": "reaches nobody in your markets",
        "no_fit_formats": "needs {formats}, which you do not produce",
        "no_fit_audience": "has no users in your target audience",
        "no_fit_goals": "serves none of your goals",
        "no_fit_sector": "does not serve your sector",
        "no_fit_model": "does not fit your business model",
        "estimate": "estimate",
        "strongly": "strongly",
        "well": "well",
        "somewhat": "somewhat",
    },
    "it": {
        "reach": "persone raggiunte in {country}: circa {pct} % ({source})",
        "restricted": "limitato in {country}: la sua copertura lì conta la metà",
        "sector_reach": "professionisti del settore {sector} raggiunti: circa {pct} % ({source})",
        "audience_age": "utenti di {first}-{last} anni: {pct} % ({source})",
        "audience_professionals": "professionisti tra gli utenti: circa {pct} % ({source})",
        "goal": "serve {goal} {strength} (affinità {affinity} su 1)",
        "vertical": "una rete pensata per il settore {sector}",
        "level": "al livello {level}: {money:g} {currency}/mese e {hours:g} h/settimana",
        "presence": "siete già presenti: nessuna attivazione necessaria",
        "setup": "l'attivazione richiede circa {hours:g} ore una tantum",
        "excluded_by_you": "escluso da voi",
        "blocked": "bloccato in tutti i mercati obiettivo: {countries}",
        "needs_premises": "richiede una sede aperta ai clienti o un'area di servizio locale",
        "no_fit_reach": "non raggiunge nessuno nei vostri mercati",
        "no_fit_formats": "richiede {formats}, che non producete",
        "no_fit_audience": "non ha utenti nel vostro pubblico",
        "no_fit_goals": "non serve nessuno dei vostri obiettivi",
        "no_fit_sector": "non serve il vostro settore",
        "no_fit_model": "non è adatto al vostro modello di business",
        "estimate": "stima",
        "strongly": "molto bene",
        "well": "bene",
        "somewhat": "in parte",
    },
    "ru": {
        "reach": "охватывает около {pct} % населения в {country} ({source})",
        "restricted": "ограничен в {country}: охват там учитывается наполовину",
        "sector_reach": "охватывает около {pct} % специалистов сектора «{sector}» ({source})",
        "audience_age": "{pct} % его пользователей в возрасте {first}-{last} лет ({source})",
        "audience_professionals": "около {pct} % его пользователей - специалисты ({source})",
        "goal": "цель «{goal}»: подходит {strength} (соответствие {affinity} из 1)",
        "vertical": "отраслевая сеть для сектора «{sector}»",
        "level": "уровень {level}: {money:g} {currency}/мес. и {hours:g} ч/нед.",
        "presence": "вы уже там: настройка не нужна",
        "setup": "настройка займёт около {hours:g} ч однократно",
        "excluded_by_you": "исключён вами",
        "blocked": "заблокирован на всех целевых рынках: {countries}",
        "needs_premises": "нужна точка, куда приходят клиенты, или местная зона обслуживания",
        "no_fit_reach": "не охватывает никого на ваших рынках",
        "no_fit_formats": "требует форматы {formats}, которые вы не производите",
        "no_fit_audience": "нет пользователей в вашей целевой аудитории",
        "no_fit_goals": "не служит ни одной из ваших целей",
        "no_fit_sector": "не подходит вашему сектору",
        "no_fit_model": "не подходит вашей бизнес-модели",
        "estimate": "оценка",
        "strongly": "отлично",
        "well": "хорошо",
        "somewhat": "частично",
    },
}

_WORDS: Mapping[str, Mapping[str, str]] = {
    "it": {
        "brand_awareness": "notorietà del marchio", "lead_generation": "generazione di contatti", "sales": "vendite",
        "recruiting": "selezione del personale", "community": "comunità", "customer_service": "assistenza clienti",
        "thought_leadership": "autorevolezza", "listening": "ascolto", "traffic": "traffico", "local_visits": "visite in sede",
        "partnerships": "partnership", "fundraising": "raccolta fondi",
        "listen": "ascolto", "maintain": "presenza", "grow": "crescita",
    },
    "ru": {
        "brand_awareness": "узнаваемость бренда", "lead_generation": "привлечение лидов", "sales": "продажи",
        "recruiting": "подбор персонала", "community": "сообщество", "customer_service": "поддержка клиентов",
        "thought_leadership": "экспертность", "listening": "мониторинг", "traffic": "трафик", "local_visits": "визиты в точку",
        "partnerships": "партнёрства", "fundraising": "сбор средств",
        "listen": "слушать", "maintain": "поддерживать", "grow": "расти",
    },
}


def percent(share: float) -> int:
    """A share as a whole percentage, the precision the sources support."""
    return int(round(share * 100))


class Explainer:
    """Builds :class:`Reason` objects for one catalog and language."""

    def __init__(self, cat: Catalog, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(language)
        self.cat = cat
        self.language = language
        self.templates = _TEMPLATES[language]

    def word(self, key: str) -> str:
        """The display word of a goal, level or sector id in this language (the id's English name otherwise)."""
        local = _WORDS.get(self.language, {})
        if key in local:
            return local[key]
        for kind in ("goals", "sectors", "formats"):
            for row in self.cat.vocabulary_rows[kind]:
                if row.id == key:
                    return row.name.lower() if self.language == "en" else key
        return key

    def _source(self, source_id: str | None, year: int | None, basis: str) -> str:
        if basis == "estimate" or source_id is None:
            return self.templates["estimate"]
        return f"{self.cat.sources[source_id].publisher} {year}"

    def reason(self, code: str, key: str | None = None, source_id: str | None = None, **values: float | int | str) -> Reason:
        """Format template ``key`` (default ``code``) with ``values``."""
        text = self.templates[key or code].format(**values)
        return Reason(code=code, text=text, values=values, source_id=source_id)

    def reach(self, row: MarketRow, country: str, reach_population: float) -> Reason:
        return self.reason(
            "reach",
            source_id=row.source_id if row.basis == "source" else None,
            pct=percent(reach_population),
            country=country,
            source=self._source(row.source_id, row.year, row.basis),
        )

    def sector_reach(self, channel: str, sector: str) -> Reason:
        row = self.cat.sector_reach_rows[(channel, sector)]
        return self.reason(
            "sector_reach",
            source_id=row.source_id if row.basis == "source" else None,
            pct=percent(row.reach),
            sector=self.word(sector),
            sector_id=sector,
            source=self._source(row.source_id, row.year, row.basis),
        )

    def audience_age(self, channel: int, first: int, last: int, share: float) -> Reason:
        row = self.cat.channel_rows[channel]
        return self.reason(
            "audience",
            "audience_age",
            source_id=row.audience_source_id if row.audience_basis == "source" else None,
            pct=percent(share),
            first=first,
            last=last,
            source=self._source(row.audience_source_id, row.audience_year, row.audience_basis),
        )

    def audience_professionals(self, channel: int) -> Reason:
        row = self.cat.channel_rows[channel]
        return self.reason(
            "audience",
            "audience_professionals",
            source_id=row.audience_source_id if row.audience_basis == "source" else None,
            pct=percent(row.share_professionals),
            source=self._source(row.audience_source_id, row.audience_year, row.audience_basis),
        )

    def goal(self, goal: str, affinity: float) -> Reason:
        strength = "strongly" if affinity >= 0.7 else "well" if affinity >= 0.4 else "somewhat"
        return self.reason(
            "goal", goal=self.word(goal), strength=self.templates[strength], affinity=round(affinity, 2), goal_id=goal
        )
