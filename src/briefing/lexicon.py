"""The resource pack: the vocabulary of the extractors, loaded once from package data.

Word lists and forms live in YAML files under ``resources/<language>/`` (one concern a file,
an example beside each entry), never in ``.py`` files: adding a month spelling, a number word
or a speech verb is an edit to data. :func:`lexicon` reads them into one frozen, typed object::

    >>> lex = lexicon()
    >>> lex.months["sept"], lex.weekdays["tue"], lex.cardinals["twelve"], lex.ordinals["fifth"]
    (9, 2, 12, 5)
    >>> "said" in lex.speech_forms("quote")
    True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class SpeechVerb:
    """A speech or reporting verb: its forms, what it may be read as, and an example."""

    lemma: str
    forms: tuple[str, ...]
    uses: frozenset[str]  # quote, person, list (see speech.yaml)
    forms_by_use: Mapping[str, tuple[str, ...]]  # where only some forms serve a use
    example: str
    frame: str = "say"  # how it ties speaker and words in quotes: say, tell, name, praise, quote

    def forms_for(self, use: str) -> tuple[str, ...]:
        if use not in self.uses:
            return ()
        return self.forms_by_use.get(use, self.forms)


@dataclass(frozen=True)
class ListWords:
    """The words of announced lists (``lists.yaml``)."""

    ordinals: Mapping[str, int]  # "secondly" -> 2; 0 for "finally", "lastly"
    roman: Mapping[str, int]  # "iv" -> 4
    categories: Mapping[str, str]  # "objective" -> "goals"
    heads: frozenset[str]  # every noun that may head a list (category nouns included)
    determiners: frozenset[str]
    stops: frozenset[str]
    speaker_title_words: frozenset[str]
    commitment_verbs: Mapping[str, str]  # "pledged" -> "pledges": what a list of actions is called
    pronouns: frozenset[str]
    owner_verbs: tuple[str, ...]


@dataclass(frozen=True)
class FigureWords:
    """The words of key figures (``figures.yaml``)."""

    currency_signs: Mapping[str, str]  # "€" -> "EUR"
    currency_words: Mapping[str, str]  # "dong" -> "VND"
    qualifiers: tuple[str, ...]
    count_only_nouns: frozenset[str]
    time_units: frozenset[str]
    generic_heads: frozenset[str]
    unit_stop_words: frozenset[str]
    not_plural: frozenset[str]
    series_adjectives: frozenset[str]
    subject_cues: tuple[tuple[str, tuple[str, ...]], ...]  # (key, words), by priority
    change_verbs: frozenset[str]
    change_nouns: tuple[str, ...]
    reference_words: tuple[str, ...]
    reference_determiners: frozenset[str]
    hyphen_not_units: frozenset[str]
    measure_verbs: frozenset[str]
    measure_links: frozenset[str]
    measure_adverbs: frozenset[str]
    measure_time_words: frozenset[str]
    measure_modifiers: frozenset[str]
    vague_count_nouns: frozenset[str]
    measure_comparatives: frozenset[str]
    measure_time_nouns: frozenset[str]
    measurement_units: frozenset[str]
    per_units: frozenset[str]
    age_words: frozenset[str]
    change_up: frozenset[str]
    change_down: frozenset[str]
    point_units: tuple[str, ...]
    time_frame_words: frozenset[str]


@dataclass(frozen=True)
class QuoteWords:
    """The words quote extraction reads around a speech verb (``quotes.yaml``), lower case."""

    objects: tuple[str, ...]  # "told reporters"
    cue_adverbs: tuple[str, ...]  # "also said"
    ly_nouns: tuple[str, ...]  # "family": ends in -ly, no adverb ("the family said")
    participles: tuple[str, ...]  # ", adding that"
    noun_forms: frozenset[str]  # "states": a cue only after a person
    adjunct_prepositions: tuple[str, ...]  # "reported from ...": no clause
    adjunct_times: tuple[str, ...]  # "said this week.": no clause
    fronted_adjunct_cues: frozenset[str]  # "said in each period, ...": a clause after all
    phrase_openers: frozenset[str]  # "of “Fox News Sunday,”": a phrase, not a quote
    pronouns: Mapping[str, str]  # "he" -> "m"
    honorific_genders: Mapping[str, str]  # "mrs" -> "f"
    determiners: frozenset[str]
    subject_stops: frozenset[str]
    name_connectors: frozenset[str]
    given_genders: Mapping[str, str]  # "elizabeth" -> "f" (given_names.yaml, by census frequency)
    organisations: frozenset[str]
    documents: frozenset[str]  # "report": speaks for its author ("the IMF report said")
    description_adjectives: tuple[str, ...]
    generic_heads: frozenset[str]
    examples: tuple[tuple[str, tuple[str | None, str, str]], ...]  # text -> (speaker, kind, mode)


@dataclass(frozen=True)
class PeopleWords:
    """The words of person and title extraction (``people.yaml``): folded, lower case, except
    the honorifics (as written)."""

    title_heads: frozenset[str]  # "president", "head", "minister"
    title_modifiers: frozenset[str]  # "deputy", "acting", "former"
    org_words: frozenset[str]  # "party", "commission", "ministry"
    countries: frozenset[str]  # places: "vietnam", "hanoi", "kong", "texas" (and regions)
    nationalities: frozenset[str]  # "chinese", "moroccan"
    common_caps: frozenset[str]  # capitalised non-names: "yesterday", "photo"
    connectors: frozenset[str]  # "of", "the", "for"
    name_particles: frozenset[str]  # "von", "bin", "al"
    name_suffixes: frozenset[str]  # "jr", "iii"
    honorifics: tuple[str, ...]  # "Mr", "Mrs", "Dr"
    male_honorifics: frozenset[str]  # "Mr", "Sir" (as written)
    female_honorifics: frozenset[str]  # "Mrs", "Ms"
    speech_adverbs: tuple[str, ...]  # "also" in "Tran also said"
    vietnamese_surnames: frozenset[str]  # "nguyen", "tran"
    post_synonyms: Mapping[str, str]  # "chairman" -> "head"
    post_drop: frozenset[str]  # words a post's key leaves out
    apposition_bad_starts: frozenset[str]  # "who", "said": no apposition opens with them
    apposition_nouns: frozenset[str]  # "company" in ", the company chief executive,"
    ambiguous_given_names: frozenset[str]  # "will", "georgia": no evidence alone
    thing_heads: frozenset[str]  # "museum", "prize": a name ending in one names a thing
    east_asian_surnames: frozenset[str]  # "wang", "leung", "park"
    thing_nouns: frozenset[str]  # "novel" in "graphic novel Angel Catbird"
    surname_heads: frozenset[str]  # "hill": a place's head, or a family name after a given name
    title_case_words: frozenset[str]  # "to", "by": capitalised mid-line, they mark a headline
    vietnamese_name_words: frozenset[str]  # "To", "The": name syllables that are English words (as written)
    two_word_places: frozenset[tuple[str, ...]]  # ("viet", "nam")
    title_abbreviations: frozenset[str]  # "gov" in "Gov. John Kasich"
    company_names: frozenset[str]  # "eli lilly": firms named like persons (name keys)
    determiners: frozenset[str]  # "the", "its": a title set off before a name follows one
    relative_words: frozenset[str]  # "who", "which": a relative clause ends a title
    person_nouns: frozenset[str]  # "woman" in ", an Australian woman,"
    male_names: frozenset[str]  # given names (given_names.yaml), folded
    female_names: frozenset[str]
    other_names: frozenset[str]  # given names of no known gender


@dataclass(frozen=True)
class DateRule:
    """One date form of dates.yaml: its pattern (with {MACRO} parts), the handler that
    normalises a match, the words a match can start with, and examples the tests run."""

    name: str
    pattern: str
    handler: str
    starts: tuple[str, ...]
    examples: tuple[tuple[str, str | None, tuple[tuple[str, str, str], ...]], ...]


@dataclass(frozen=True)
class DateWords:
    """dates.yaml: the date rules, their macros and the words the tagger's handlers use."""

    macros: Mapping[str, str]
    rules: tuple[DateRule, ...]  # in priority order
    decades: Mapping[str, int]  # "eighties" -> 8
    quantity_phrases: Mapping[str, float]  # "a couple of" -> 2
    vague_quantities: frozenset[str]  # "several"
    last_ordinals: frozenset[str]  # "final"
    count_nouns: frozenset[str]
    digit_words: frozenset[str]
    anchors: tuple[str, ...]
    present_nouns: frozenset[str]
    frequency_adverbs: Mapping[str, str]  # "daily" -> "P1D"
    modifiers: Mapping[str, str]  # "early" -> "START"
    signal_modifiers: Mapping[str, str]  # "since" -> "ON_OR_AFTER"
    tense_cues: Mapping[str, str]  # future/present/past/report -> regular expression
    reference_events: tuple[Mapping[str, Any], ...]  # see dates.yaml: name, pattern, context, years | since+step
    holidays: tuple[Mapping[str, Any], ...]  # names, month, day | weekday + n (+ after)
    stamp_words: tuple[str, ...]  # regular expressions: what a stamp line holds besides its date


@dataclass(frozen=True)
class EventWords:
    """events.yaml: what dates an undated sentence and what a summary strips."""

    event_verbs: tuple[str, ...]  # regular expressions
    ordinal_event_heads: tuple[str, ...]
    anaphoric_event_nouns: tuple[str, ...]
    organisation_words: frozenset[str]
    title_words: frozenset[str]
    not_name_words: frozenset[str]
    clause_joiners: tuple[str, ...]  # conjunctions that open a clause of its own
    summary_openers: tuple[str, ...]  # words a summary never starts with
    deadline_signals: tuple[str, ...]  # prepositions that make a date ahead a deadline


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors know about one language's words. Keys are lower case."""

    month_names: tuple[str, ...]  # January .. December, as written
    months: Mapping[str, int]  # every spelling (full and abbreviated), lower case -> 1..12
    weekday_names: tuple[str, ...]  # Monday .. Sunday
    weekdays: Mapping[str, int]  # every spelling, lower case -> 1..7 (Monday is 1)
    seasons: Mapping[str, str]  # lower case -> TimeML season code
    cardinals: Mapping[str, int]  # "twelve" -> 12
    collectives: Mapping[str, int]  # "dozen" -> 12
    ordinals: Mapping[str, int]  # "fifth" -> 5
    scales: Mapping[str, float]  # "billion" -> 1e9
    speech_verbs: tuple[SpeechVerb, ...]
    irregular_plurals: Mapping[str, str]  # "crises" -> "crisis"
    lists: ListWords  # lists.yaml
    figures: FigureWords  # figures.yaml
    people: PeopleWords
    dates: DateWords  # dates.yaml
    events: EventWords  # events.yaml
    quotes: QuoteWords  # quotes.yaml

    def speech_forms(self, use: str) -> tuple[str, ...]:
        """Every form of every speech verb that serves ``use`` (quote, person, list), in file order."""
        return tuple(f for verb in self.speech_verbs for f in verb.forms_for(use))

    def count_words(self) -> dict[str, int]:
        """Number words that count things, from two up ("one" is a determiner more often than a
        count), collectives included: ``{"two": 2, ..., "hundred": 100, "dozen": 12}``."""
        return {**{w: n for w, n in self.cardinals.items() if n >= 2}, **self.collectives}

    def month_forms(self) -> tuple[str, ...]:
        """Abbreviations of month names (lower case), in calendar order: ``jan`` .. ``dec``."""
        return tuple(k for k in self.months if k not in {m.lower() for m in self.month_names})


def _read(language: str, name: str) -> Any:
    import yaml  # only extraction needs it: keeps `brief --help` fast

    text = resources.files("briefing.resources").joinpath(language, name).read_text(encoding="utf-8")
    # libyaml's parser when PyYAML has it: the same documents, read ~8x faster (the pure-Python
    # one took 0.13 s of every build and every worker's start).
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _names(entries: list[list[str]]) -> tuple[tuple[str, ...], dict[str, int]]:
    full = tuple(forms[0] for forms in entries)
    index = {form.lower(): i + 1 for i, forms in enumerate(entries) for form in forms}
    return full, index


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(d))


@functools.cache
def lexicon(language: str = "en") -> Lexicon:
    """The vocabulary of ``language``, read once per process."""
    calendar = _read(language, "calendar.yaml")
    numbers = _read(language, "numbers.yaml")
    words = _read(language, "words.yaml")
    month_names, months = _names(calendar["months"])
    weekday_names, weekdays = _names(calendar["weekdays"])
    verbs = tuple(
        SpeechVerb(
            lemma=v["lemma"],
            forms=tuple(v["forms"]),
            uses=frozenset(v["uses"]),
            forms_by_use=_frozen({k: tuple(fs) for k, fs in (v.get("forms_by_use") or {}).items()}),
            example=v["example"],
            frame=v.get("frame", "say"),
        )
        for v in _read(language, "speech.yaml")["verbs"]
    )
    return Lexicon(
        month_names=month_names,
        months=_frozen(months),
        weekday_names=weekday_names,
        weekdays=_frozen(weekdays),
        seasons=_frozen(calendar["seasons"]),
        cardinals=_frozen(numbers["cardinals"]),
        collectives=_frozen(numbers["collectives"]),
        ordinals=_frozen(numbers["ordinals"]),
        scales=_frozen({k: float(v) for k, v in numbers["scales"].items()}),
        speech_verbs=verbs,
        irregular_plurals=_frozen(words["irregular_plurals"]),
        lists=_list_words(_read(language, "lists.yaml")),
        figures=figure_words(language),
        people=_people(_read(language, "people.yaml"), _read(language, "given_names.yaml")),
        dates=_date_words(_read(language, "dates.yaml")),
        events=_event_words(_read(language, "events.yaml")),
        quotes=_quote_words(_read(language, "quotes.yaml"), _read(language, "given_names.yaml")),
    )


@functools.cache
def figure_words(language: str = "en") -> FigureWords:
    """The figures' vocabulary alone (``figures.yaml``), as in ``lexicon().figures``: a build
    phrases figures with it and need not read the other ten files (≈ 40 ms of every build)."""
    return _figure_words(_read(language, "figures.yaml"))


def _list_words(data: dict[str, Any]) -> ListWords:
    categories = {w: cat for cat, nouns in data["list_categories"].items() for w in nouns}
    return ListWords(
        ordinals=_frozen(data["list_ordinals"]),
        roman=_frozen(data["roman_numerals"]),
        categories=_frozen(categories),
        heads=frozenset(categories) | frozenset(data["list_heads"]),
        determiners=frozenset(data["label_determiners"]),
        stops=frozenset(data["label_stops"]),
        speaker_title_words=frozenset(data["speaker_title_words"]),
        commitment_verbs=_frozen(data["commitment_verbs"]),
        pronouns=frozenset(data["pronouns"]),
        owner_verbs=tuple(data["owner_verbs"]),
    )


def _figure_words(data: dict[str, Any]) -> FigureWords:
    return FigureWords(
        currency_signs=_frozen(data["currency_signs"]),
        currency_words=_frozen(data["currency_words"]),
        qualifiers=tuple(data["qualifiers"]),
        count_only_nouns=frozenset(data["count_only_nouns"]),
        time_units=frozenset(data["time_units"]),
        generic_heads=frozenset(data["generic_heads"]),
        unit_stop_words=frozenset(data["unit_stop_words"]),
        not_plural=frozenset(data["not_plural"]),
        series_adjectives=frozenset(data["series_adjectives"]),
        subject_cues=tuple((c["key"], tuple(c["words"])) for c in data["subject_cues"]),
        change_verbs=frozenset(data["change_verbs"]),
        change_nouns=tuple(data["change_nouns"]),
        reference_words=tuple(data["reference_words"]),
        reference_determiners=frozenset(data["reference_determiners"]),
        hyphen_not_units=frozenset(data["hyphen_not_units"]),
        measure_verbs=frozenset(data["measure_verbs"]),
        measure_links=frozenset(data["measure_links"]),
        measure_adverbs=frozenset(data["measure_adverbs"]),
        measure_time_words=frozenset(data["measure_time_words"]),
        measure_modifiers=frozenset(data["measure_modifiers"]),
        vague_count_nouns=frozenset(data["vague_count_nouns"]),
        measure_comparatives=frozenset(data["measure_comparatives"]),
        measure_time_nouns=frozenset(data["measure_time_nouns"]),
        measurement_units=frozenset(data["measurement_units"]),
        per_units=frozenset(data["per_units"]),
        age_words=frozenset(data["age_words"]),
        change_up=frozenset(data["change_up"]),
        change_down=frozenset(data["change_down"]),
        point_units=tuple(data["point_units"]),
        time_frame_words=frozenset(data["time_frame_words"]),
    )


def _people(data: dict[str, Any], given: dict[str, Any]) -> PeopleWords:
    def words(name: str) -> frozenset[str]:
        return frozenset(str(data[name]["words"]).split())

    def listed(name: str) -> tuple[str, ...]:
        return tuple(str(data[name]["words"]).split())

    return PeopleWords(
        title_heads=words("title_heads"),
        title_modifiers=words("title_modifiers"),
        org_words=words("org_words"),
        countries=words("countries") | words("regions"),
        nationalities=words("nationalities"),
        common_caps=words("common_caps"),
        connectors=words("connectors"),
        name_particles=words("name_particles"),
        name_suffixes=words("name_suffixes"),
        honorifics=listed("honorifics"),
        male_honorifics=words("male_honorifics"),
        female_honorifics=words("female_honorifics"),
        speech_adverbs=listed("speech_adverbs"),
        vietnamese_surnames=words("vietnamese_surnames"),
        post_synonyms=_frozen(data["post_synonyms"]["words"]),
        post_drop=words("post_drop"),
        apposition_bad_starts=words("apposition_bad_starts"),
        apposition_nouns=words("apposition_nouns"),
        ambiguous_given_names=words("ambiguous_given_names"),
        thing_heads=words("thing_heads"),
        east_asian_surnames=words("east_asian_surnames"),
        thing_nouns=words("thing_nouns"),
        surname_heads=words("surname_heads"),
        title_case_words=words("title_case_words"),
        vietnamese_name_words=words("vietnamese_name_words"),
        two_word_places=frozenset(tuple(p.split()) for p in data["two_word_places"]["words"]),
        title_abbreviations=words("title_abbreviations"),
        company_names=frozenset(str(c) for c in data["company_names"]["words"]),
        determiners=words("determiners"),
        relative_words=words("relative_words"),
        person_nouns=words("person_nouns"),
        male_names=frozenset(given["census_male"].split()),
        female_names=frozenset(given["census_female"].split()),
        other_names=frozenset(w for k, v in given.items() if not k.startswith(("census_", "example"))
                              for w in str(v).split()),
    )


def _date_words(data: dict[str, Any]) -> DateWords:
    words = data["words"]
    rules = tuple(
        DateRule(
            name=r["name"],
            pattern=r["pattern"],
            handler=r["handler"],
            starts=tuple(r["starts"]),
            examples=tuple((text, ref, tuple(tuple(x) for x in found)) for text, ref, found in r["examples"]),
        )
        for r in data["rules"]
    )
    return DateWords(
        macros=_frozen(data["macros"]),
        rules=rules,
        decades=_frozen(words["decades"]),
        quantity_phrases=_frozen(words["quantity_phrases"]),
        vague_quantities=frozenset(words["vague_quantities"]),
        last_ordinals=frozenset(words["last_ordinals"]),
        count_nouns=frozenset(words["count_nouns"]),
        digit_words=frozenset(words["digit_words"]),
        anchors=tuple(words["anchors"]),
        present_nouns=frozenset(words["present_nouns"]),
        frequency_adverbs=_frozen(words["frequency_adverbs"]),
        modifiers=_frozen(words["modifiers"]),
        signal_modifiers=_frozen(words["signal_modifiers"]),
        tense_cues=_frozen(words["tense_cues"]),
        reference_events=tuple(_frozen(e) for e in data["reference_events"]),
        holidays=tuple(_frozen(h) for h in data["holidays"]),
        stamp_words=tuple(data["stamp_words"]),
    )


def _event_words(data: dict[str, Any]) -> EventWords:
    return EventWords(
        event_verbs=tuple(data["event_verbs"]),
        ordinal_event_heads=tuple(data["ordinal_event_heads"]),
        anaphoric_event_nouns=tuple(data["anaphoric_event_nouns"]),
        organisation_words=frozenset(data["organisation_words"]),
        title_words=frozenset(data["title_words"]),
        not_name_words=frozenset(data["not_name_words"]),
        clause_joiners=tuple(data["clause_joiners"]),
        summary_openers=tuple(data["summary_openers"]),
        deadline_signals=tuple(data["deadline_signals"]),
    )


def _given_genders(given: dict[str, Any]) -> dict[str, str]:
    """The gender a given name mostly has: in one census list only, or ranked far higher (three
    times) in one than in the other ("brian" is on both, the 40th male and a rare female name)."""
    male = {n: i for i, n in enumerate(given["census_male"].split())}
    female = {n: i for i, n in enumerate(given["census_female"].split())}
    out = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name), female.get(name)
        if f is None or m is not None and 3 * (m + 1) < f + 1:
            out[name] = "m"
        elif m is None or 3 * (f + 1) < m + 1:
            out[name] = "f"
    return out


def _quote_words(data: dict[str, Any], given: dict[str, Any]) -> QuoteWords:
    return QuoteWords(
        objects=tuple(data["objects"]),
        cue_adverbs=tuple(data["cue_adverbs"]),
        ly_nouns=tuple(data["ly_nouns"]),
        participles=tuple(data["participles"]),
        noun_forms=frozenset(data["noun_forms"]),
        adjunct_prepositions=tuple(data["adjunct_prepositions"]),
        adjunct_times=tuple(data["adjunct_times"]),
        fronted_adjunct_cues=frozenset(data["fronted_adjunct_cues"]),
        phrase_openers=frozenset(data["phrase_openers"]),
        pronouns=_frozen(data["pronouns"]),
        honorific_genders=_frozen(data["honorific_genders"]),
        determiners=frozenset(data["determiners"]),
        subject_stops=frozenset(data["subject_stops"]),
        name_connectors=frozenset(data["name_connectors"]),
        given_genders=_frozen(_given_genders(given)),
        organisations=frozenset(data["organisations"]),
        documents=frozenset(data["documents"]),
        description_adjectives=tuple(data["description_adjectives"]),
        generic_heads=frozenset(data["generic_heads"]),
        examples=tuple((e["text"], tuple(e["quote"])) for e in data["examples"]),
    )
