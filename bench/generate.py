"""Synthetic news corpus for benchmarks: N realistic articles, seeded and reproducible.

Articles look like the pages Briefing ingests in the wild: a headline line, a posting stamp in
one of several site formats (or none), page furniture ("Font Size: | Print", "See more",
related-links blocks, photo credits), wire datelines, Vietnamese and Western people with titles
and honorifics, direct and reported quotes, announced lists, figures, and dates in every form the
tagger reads (absolute, partial, relative, ranges, decades, durations) next to ordinals and
counts that are not dates. Most are ``.txt``; some go to ``.jsonl`` feeds and ``.html`` pages.

Article ``i`` depends only on ``(seed, i)``, so a 1k corpus is the first 1k articles of the 10k
one and ``--start 10000 --docs 1`` adds exactly "the next" article to it.

    $ python bench/generate.py /tmp/corpus --docs 10000 --seed 1
    >>> import tempfile; out = Path(tempfile.mkdtemp())
    >>> write_corpus(out, docs=3, seed=1).docs
    3
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Vocabulary (general news vocabulary; deliberately none of the seed articles' names).

VN_FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo",
             "Duong", "Ly", "Truong", "Dinh", "Mai", "Lam", "Vo", "Trinh"]
VN_MIDDLE = ["Van", "Thi", "Minh", "Duc", "Xuan", "Thanh", "Quoc", "Hong", "Ngoc", "Anh", "Kim", "Huu",
             "Tien", "Manh", "Thu", "Hai"]
VN_GIVEN = ["Hung", "Lan", "Dung", "Son", "Tuan", "Phuc", "Chinh", "Huong", "Nam", "Thao", "Khanh",
            "Long", "Hieu", "Linh", "Cuong", "Hoa", "Vuong", "Tam", "Nga", "Binh", "Dat", "Yen"]
W_FIRST = ["John", "Mary", "David", "Sarah", "Michael", "Emma", "Thomas", "Anna", "Robert", "Claire",
           "James", "Laura", "Peter", "Helen", "Mark", "Olivia", "Daniel", "Sophie", "Richard",
           "Katherine", "Jean-Pierre", "Ingrid", "Carlos", "Yuki", "Rajesh", "Fatima", "Ahmed",
           "Elena", "Hans", "Marta"]
W_MIDDLE = ["J.", "A.", "R.", "M.", "K.", ""]
W_LAST = ["Smith", "Johnson", "Miller", "Brown", "Davis", "Wilson", "Taylor", "Anderson", "Clarke",
          "Fischer", "Müller", "Dubois", "Rossi", "O'Brien", "García", "Kowalski", "Tanaka",
          "Sharma", "Haddad", "Lindqvist", "McAllister", "van der Berg", "Okafor", "Petrov",
          "Moreau", "Schmidt", "Nakamura", "Hernández"]
HONORIFICS = ["Mr.", "Ms.", "Dr.", "Prof.", "Mrs.", "Mr", "Ms"]

VN_TITLES = [
    "Prime Minister", "Deputy Prime Minister", "Minister of Foreign Affairs", "Deputy Foreign Minister",
    "Chairman of the National Assembly", "Vice President", "Minister of Planning and Investment",
    "Head of the Party Central Committee's Commission for Information and Education",
    "Secretary of the municipal Party Committee", "Chairwoman of the Vietnam Women's Union",
    "Director of the Department of Industry and Trade", "Governor of the State Bank of Vietnam",
    "Ambassador to Japan", "Permanent Deputy Minister of Finance", "spokesperson for the Ministry of Foreign Affairs",
]
W_TITLES = [
    "Secretary of State", "Foreign Minister", "Trade Representative", "chief executive", "Ambassador to Vietnam",
    "President of the European Commission", "Director-General of the World Trade Organization",
    "chief economist at the Asian Development Bank", "Senator", "Chancellor", "Defence Secretary",
    "head of the IMF mission", "professor of economics at the University of Sydney", "Mayor",
    "spokeswoman for the State Department", "managing director",
]
ORGS = ["the World Bank", "the Asian Development Bank", "the United Nations Development Programme",
        "the International Monetary Fund", "ASEAN", "the European Union", "the Ministry of Finance",
        "the General Statistics Office", "the National Assembly", "the Vietnam Chamber of Commerce and Industry",
        "the Ministry of Industry and Trade", "the World Health Organization", "the Central Committee",
        "the State Department", "the Federal Reserve", "Samsung Electronics", "Vietnam Airlines",
        "the Red Cross", "the city People's Committee", "the Ministry of Natural Resources and Environment"]
COMPANIES = ["Vingroup", "Samsung", "Intel", "Boeing", "Toyota", "Siemens", "Petrovietnam", "Viettel",
             "FPT Corporation", "Airbus", "Foxconn", "LG Display"]
COUNTRIES = ["Japan", "the Republic of Korea", "China", "Laos", "Cambodia", "Thailand", "Singapore",
             "Indonesia", "Australia", "France", "Germany", "the United States", "the United Kingdom",
             "India", "Russia", "Brazil", "Canada", "New Zealand", "the Philippines", "Malaysia", "Cuba"]
CITIES = ["Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Can Tho", "Washington", "Tokyo", "Paris",
          "Berlin", "London", "Singapore", "Bangkok", "Jakarta", "Canberra", "New Delhi", "Beijing", "Geneva"]
DATELINES = [("HANOI", "VNA", "–"), ("Hanoi", "VNA", "–"), ("WASHINGTON", "Reuters", "-"),
             ("PARIS", "AFP", "—"), ("LONDON", "AP", "—"), ("TOKYO", "Kyodo", "-"), ("BEIJING", "Xinhua", "--"),
             ("HO CHI MINH CITY", "VNS", "–"), ("GENEVA", "Reuters", "-"), ("DA NANG", "VNA", "–"),
             ("SINGAPORE", "AFP", "-"), ("NEW YORK", "AP", "—")]
BARE_MARKS = ["NDO –", "VOV.VN -", "VNS –", "WVR/VNA -", "VNA –"]
TOPICS = ["trade and investment", "climate change adaptation", "maritime security", "digital transformation",
          "renewable energy", "public health cooperation", "education and training", "infrastructure financing",
          "agricultural exports", "the semiconductor supply chain", "tourism recovery", "anti-corruption work",
          "labour migration", "food security", "green finance", "cyber security", "the energy transition"]
THINGS = [("political parties", "countries"), ("foreign-invested projects", "provinces"),
          ("delegates", "countries and territories"), ("enterprises", "localities"),
          ("schools", "districts"), ("hospitals", "provinces"), ("exhibitors", "countries"),
          ("volunteers", "communes"), ("start-ups", "cities")]
APPROX = ["nearly", "about", "more than", "over", "almost", "some", "around", "roughly", "at least", ""]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "10th", "12th", "13th", "14th", "19th", "21st",
            "23rd", "29th", "32nd", "55th", "70th", "100th"]
EVENT_NOUNS = ["National Congress", "General Assembly", "Theoretical Seminar", "Plenum", "Summit",
               "Party Congress", "Conference of the Parties", "Shangri-La Dialogue", "Investment Forum",
               "Joint Committee meeting", "Economic Forum"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven"]
LIST_NOUNS = ["main tasks", "key solutions", "strategic breakthroughs", "overarching goals", "priorities",
              "pillars", "groups of measures", "lessons", "focuses"]
ENUM_ORDER = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh"]
TASKS = ["improving the investment climate", "speeding up the disbursement of public investment",
         "training a high-quality workforce", "strengthening the fight against corruption",
         "developing synchronous infrastructure", "promoting digital transformation in all sectors",
         "protecting the environment and responding to climate change", "consolidating national defence",
         "expanding export markets", "reforming administrative procedures", "ensuring social welfare",
         "building a clean and strong Party", "raising labour productivity", "attracting foreign direct investment",
         "completing the legal framework for the digital economy", "stabilising the macro-economy"]
QUOTE_BODIES = [
    "We will continue to work closely with our partners to ensure that growth is sustainable",
    "The situation remains complicated, but we are confident in the measures we have taken",
    "This agreement opens a new chapter in our bilateral relations",
    "There is no room for complacency",
    "Our priority is to protect the lives and livelihoods of the people",
    "The results are encouraging, but much remains to be done",
    "We cannot allow the progress of the past decade to be reversed",
    "Investors need a stable, transparent and predictable environment",
    "The door remains open for dialogue",
    "It is a historic moment for both countries",
    "We have learned many valuable lessons from this experience",
    "Nobody should be left behind in the digital transition",
]
REPORT_VERBS = ["said", "stressed", "noted", "added", "told reporters", "affirmed", "emphasised", "stated",
                "underlined", "told the meeting"]
FILLER = [
    "The meeting took place in a friendly and open atmosphere.",
    "Both sides agreed to strengthen the exchange of delegations at all levels.",
    "Analysts said the move reflected growing confidence among foreign investors.",
    "The government has made improving the business environment a top priority.",
    "Officials also discussed measures to deal with the impact of rising global prices.",
    "Local authorities have been asked to report on the implementation of the plan.",
    "The programme is expected to benefit thousands of households in rural areas.",
    "Delegates also exchanged views on regional and international issues of mutual concern.",
    "The two sides reviewed the outcomes of cooperation in the fields of economy, trade and investment.",
    "Experts warned that the recovery could be uneven across sectors.",
    "The draft law will be submitted to lawmakers for consideration.",
    "Participants called for closer coordination among ministries and localities.",
    "The event drew a large number of business leaders, scholars and diplomats.",
    "Demand for skilled workers has outpaced supply in several industrial zones.",
    "Many challenges remain, including limited infrastructure and a shortage of capital.",
]
HEADLINE_TEMPLATES = [
    "{country} and Vietnam pledge to deepen cooperation in {topic}",
    "{person} urges stronger action on {topic}",
    "{org_cap} forecasts growth to slow amid global uncertainty",
    "Party to continue strengthening ties with {country}",
    "{n} {things} join forum on {topic} in {city}",
    "{title} receives {country} delegation",
    "Leaders set out {k} {list_noun} for {topic}",
    "{city} hosts {ordinal} {event}",
    "Exports rise {pct}% in first {months} months, says {org_cap}",
]
RELATED_HEADS = ["TIN LIÊN QUAN", "Related news", "See more", "Read more:", "RELATED STORIES", "More on this topic"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Nhan Dan", "VNA", "Viet Nam News", "VOV", "Reuters", "AFP", "Associated Press", "The Herald"]


# --------------------------------------------------------------------------------------------
# One article.


@dataclass
class Article:
    """What one generated article says; rendered to text, JSONL or HTML."""

    index: int
    headline: str
    published: date
    hour: int
    minute: int
    stamp: str | None  # the posting stamp line as the page prints it (None: undated page)
    paragraphs: list[str] = field(default_factory=list)
    furniture_top: list[str] = field(default_factory=list)
    furniture_bottom: list[str] = field(default_factory=list)
    outlet: str = ""
    author: str | None = None


class FastRandom(random.Random):
    """``random.Random`` with float-based choice/randrange/randint: about 3x faster than the
    rejection-sampling originals, and just as reproducible (the generator's speed is mostly these)."""

    def choice(self, seq):  # type: ignore[no-untyped-def,override]
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def cap(s: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case names: "Le van yen")."""
    return s[:1].upper() + s[1:]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Writer:
    """Builds one article from a private RNG (so each article depends on (seed, index) only)."""

    def __init__(self, seed: int, index: int) -> None:
        self.r = FastRandom(f"briefing-bench:{seed}:{index}")
        self.index = index
        r = self.r
        self.published = date(2010, 1, 1) + timedelta(days=r.randrange(15 * 365))
        # A small cast per article, so that names recur the way they do in real copy.
        self.cast = [self._person() for _ in range(r.randint(2, 5))]

    # -- people --------------------------------------------------------------------------------
    def _person(self) -> dict[str, str]:
        r = self.r
        if r.random() < 0.6:
            full = f"{r.choice(VN_FAMILY)} {r.choice(VN_MIDDLE)} {r.choice(VN_GIVEN)}"
            short = full.rsplit(" ", 1)[1]  # Vietnamese usage: the given name on second mention
            title = r.choice(VN_TITLES)
        else:
            mid = r.choice(W_MIDDLE)
            last = r.choice(W_LAST)
            full = f"{r.choice(W_FIRST)} {mid + ' ' if mid else ''}{last}"
            short = last
            title = r.choice(W_TITLES)
        return {"full": full, "short": short, "title": title, "hon": r.choice(HONORIFICS)}

    def first_mention(self, p: dict[str, str]) -> str:
        r = self.r
        form = r.randrange(4)
        if form == 0:
            return f"{p['title']} {p['full']}"
        if form == 1:
            return f"{p['full']}, {p['title']},"
        if form == 2:
            return f"{p['hon']} {p['full']}"
        return p["full"]

    def later_mention(self, p: dict[str, str]) -> str:
        r = self.r
        return r.choice([p["short"], f"{p['hon']} {p['short']}", p["full"], "he" if r.random() < 0.5 else "she"])

    # -- dates ---------------------------------------------------------------------------------
    def past(self, max_days: int = 900) -> date:
        return self.published - timedelta(days=self.r.randrange(1, max_days))

    def future(self, max_days: int = 900) -> date:
        return self.published + timedelta(days=self.r.randrange(1, max_days))

    def date_phrase(self, d: date | None = None, point: bool = False) -> str:
        """A date as news copy writes it, in one of many forms (``point``: a day or month an
        event happens on, not a period like "since 2011" or "the 1990s")."""
        r = self.r
        d = d or self.past()
        form = r.randrange(12) if point else r.randrange(16)
        if point and form == 7:
            return r.choice(["last year", "last month", "last week", "yesterday", "earlier this month"]
                            if d <= self.published else ["next month", "next year", "later this year"])
        if form == 0:
            return f"on {MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
        if form == 1:
            return f"on {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        if form == 2:
            return f"on {d.isoformat()}"
        if form == 3:
            return f"on {d.day}/{d.month}/{d.year}"
        if form == 4:
            return f"in {MONTH_NAMES[d.month - 1]} {d.year}"
        if form == 5:
            return f"in {d.year}"
        if form == 6:
            return f"on {MONTH_NAMES[d.month - 1]} {d.day}"  # year-less: resolved from the article date
        if form == 7:
            return r.choice(["last year", "this year", "last month", "last week", "yesterday", "earlier this month",
                             "in recent years", "so far this year", "next month", "next year"])
        if form == 8:
            return f"on {WEEKDAY_NAMES[d.weekday()]}"
        if form == 9:
            return f"in the {r.choice(['first', 'second', 'third', 'fourth'])} quarter of {d.year}"
        if form == 10:
            return f"in {r.choice(['spring', 'summer', 'autumn', 'winter'])} {d.year}"
        if form == 11:
            return f"in {MONTH_ABBR[d.month - 1]}. {d.year}" if d.month not in (5, 6, 7) else f"in {MONTH_NAMES[d.month - 1]} {d.year}"
        if form == 12:
            return f"in the {d.year // 10 * 10 - 10 * r.randrange(1, 4)}s"
        if form == 13:
            return f"since {d.year - r.randrange(1, 12)}"
        if form == 14:
            return f"over the past {r.choice(['five', '10', 'three', '20', 'two'])} years"
        return f"on {MONTH_ABBR[d.month - 1]} {d.day}"

    def stamp_line(self, hour: int, minute: int) -> str | None:
        r, d = self.r, self.published
        form = r.randrange(9)
        if form == 0:
            return f"{WEEKDAY_NAMES[d.weekday()]}, {d.isoformat()} {hour:02d}:{minute:02d}:{r.randrange(60):02d}"
        if form == 1:
            return f"{d.day:02d}/{d.month:02d}/{d.year}| {hour:02d}:{minute:02d}"
        if form == 2:
            return f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
        if form == 3:
            return f"{d.day}/{d.month}/{d.year} {hour:02d}:{minute:02d}' Send Print"
        if form == 4:
            return f"Updated: {MONTH_ABBR[d.month - 1]} {d.day}, {d.year} {hour:02d}:{minute:02d} GMT+7"
        if form == 5:
            return f"Posted: {d.isoformat()}T{hour:02d}:{minute:02d}:00"
        if form == 6:
            return f"{WEEKDAY_NAMES[d.weekday()]}, {d.day} {MONTH_NAMES[d.month - 1]} {d.year}, {hour:02d}:{minute:02d}"
        if form == 7:
            return f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}"
        return None  # undated page: the date must come from the text, or nowhere

    # -- sentences -----------------------------------------------------------------------------
    def pick(self) -> dict[str, str]:
        return self.r.choice(self.cast)

    def s_event(self) -> str:
        r = self.r
        p = self.pick()
        form = r.randrange(7)
        if form == 0:
            return f"{cap(self.first_mention(p))} paid an official visit to {r.choice(COUNTRIES)} {self.date_phrase(point=True)}."
        if form == 1:
            q = self.pick()
            return (f"{cap(self.date_phrase(point=True))}, {self.first_mention(p)} met with {self.first_mention(q)} "
                    f"in {r.choice(CITIES)} to discuss {r.choice(TOPICS)}.")
        if form == 2:
            years = r.choice([10, 20, 25, 30, 40, 45, 50, 55, 60, 70, 75])
            a = self.past(900).replace(day=1)
            a = a.replace(year=a.year - years, day=r.randint(1, 28))
            b = a.replace(year=a.year + years)
            rng = (f"{MONTH_NAMES[a.month - 1]} {a.day}, {a.year}-{b.year}" if r.random() < 0.5
                   else f"{a.day} {MONTH_NAMES[a.month - 1]} {a.year}-{b.day} {MONTH_NAMES[b.month - 1]} {b.year}")
            return (f"The two countries celebrated the {ordinal(years)} anniversary of diplomatic ties "
                    f"({rng}) with a series of events in {r.choice(CITIES)}.")
        if form == 3:
            return (f"The {r.choice(ORDINALS)} {r.choice(EVENT_NOUNS)} will be held in {r.choice(CITIES)} "
                    f"{self.date_phrase(self.future(), point=True)}.")
        if form == 4:
            y = self.published.year
            return (f"The country aims to become a developing nation with modern industry by {y + 5 + r.randrange(6)}, "
                    f"an upper middle-income country by {(y // 10 + 1) * 10 + 10} and a high-income one by 2045.")
        if form == 5:
            return (f"{cap(r.choice(ORGS))} signed a memorandum of understanding with {r.choice(COMPANIES)} "
                    f"{self.date_phrase(point=True)}, covering {r.choice(TOPICS)}.")
        return f"Since {self.past(6000).year}, {r.choice(ORGS)} has financed {r.randint(3, 400)} projects in {r.choice(TOPICS)}."

    def s_figure(self) -> str:
        r = self.r
        things, places = r.choice(THINGS)
        approx = r.choice(APPROX)
        n = r.choice([r.randint(12, 99), r.randint(100, 999), r.randint(1000, 99999)])
        ns = f"{n:,}"
        form = r.randrange(5)
        if form == 0:
            lo = r.randrange(30, 80, 5)
            return (f"To date, {r.choice(ORGS)} has set up relations with {approx + ' ' if approx else ''}{ns} {things} in "
                    f"{r.choice(APPROX) or 'some'} {r.randint(20, 190)} {places}, of which about {lo}-{lo + 10}% are members.")
        if form == 1:
            return (f"Exports rose {r.randint(1, 30)}.{r.randrange(10)}% year-on-year to {r.randint(10, 400)}.{r.randrange(10)} "
                    f"billion USD in the first {r.choice(NUMBER_WORDS)} months, {r.choice(ORGS)} said.")
        if form == 2:
            return (f"The project, worth {r.choice(['$', 'US$', 'VND'])}{r.randint(1, 900)} "
                    f"{r.choice(['million', 'billion', 'trillion'])}, is expected to create {approx + ' ' if approx else ''}{ns} jobs.")
        if form == 3:
            return (f"Inflation was kept below {r.randint(2, 6)} percent, while unemployment fell to "
                    f"{r.randint(1, 9)}.{r.randrange(10)}% {self.date_phrase(point=True)}.")
        return (f"{cap(approx) + ' ' if approx else ''}{ns} {things} from {r.randint(2, 80)} {places} took part, "
                f"up from {max(1, n // r.randint(2, 5)):,} {self.date_phrase(point=True)}.")

    def s_quote(self) -> str:
        r = self.r
        p = self.pick()
        body = r.choice(QUOTE_BODIES)
        verb = r.choice(REPORT_VERBS)
        form = r.randrange(6)
        if form == 0:
            return f"“{body},” {verb.split()[0]} {self.first_mention(p).rstrip(',')}."
        if form == 1:
            return f"{cap(self.first_mention(p))} {verb}: “{body}.”"
        if form == 2:
            return f'"{body}," {self.later_mention(p)} {verb.split()[0]}.'
        if form == 3:
            return f"{cap(self.later_mention(p))} {verb} that {body[0].lower() + body[1:]}."
        if form == 4:
            return f"According to {p['title']} {p['full']}, {body[0].lower() + body[1:]}."
        return f"{body}, {self.first_mention(p).rstrip(',')} {verb}."

    def p_list(self) -> list[str]:
        """An announced list: inline ("three main tasks: first, ...; second, ...") or one item per paragraph."""
        r = self.r
        k = r.randint(2, 5)
        noun = r.choice(LIST_NOUNS)
        items = r.sample(TASKS, k)
        p = self.pick()
        intro = f"{cap(self.first_mention(p))} {r.choice(['outlined', 'set out', 'identified', 'proposed'])} {NUMBER_WORDS[k - 2]} {noun}"
        form = r.randrange(3)
        if form == 0:
            body = "; ".join(f"{ENUM_ORDER[i].lower()}, {it}" for i, it in enumerate(items))
            return [f"{intro}: {body}."]
        if form == 1:
            return [f"{intro}."] + [f"{ENUM_ORDER[i]}, {it} {r.choice(['must be accelerated', 'remains a top priority', 'will be given special attention', 'is key to growth'])}. "
                                    + r.choice(FILLER) for i, it in enumerate(items)]
        return [f"{intro}, including:"] + [f"- {it[0].upper() + it[1:]};" for it in items]

    def paragraph(self) -> str:
        r = self.r
        kinds = [self.s_event, self.s_figure, self.s_quote, lambda: r.choice(FILLER)]
        n = r.randint(1, 5)
        return " ".join(r.choices(kinds, weights=(3, 2, 3, 3))[0]() for _ in range(n))

    def headline(self) -> str:
        r = self.r
        p = self.cast[0]
        things, _ = r.choice(THINGS)
        h = r.choice(HEADLINE_TEMPLATES).format(
            country=r.choice(COUNTRIES), topic=r.choice(TOPICS), person=p["full"], title=p["title"],
            org_cap=r.choice(ORGS).replace("the ", "", 1).strip(), n=r.randint(20, 900), things=things,
            city=r.choice(CITIES), k=r.choice(NUMBER_WORDS), list_noun=r.choice(LIST_NOUNS),
            ordinal=r.choice(ORDINALS), event=r.choice(EVENT_NOUNS), pct=r.randint(2, 25), months=r.choice(NUMBER_WORDS),
        )
        return h[0].upper() + h[1:]

    # -- the article -----------------------------------------------------------------------------
    def article(self) -> Article:
        r = self.r
        hour, minute = r.randrange(6, 23), r.randrange(60)
        a = Article(index=self.index, headline=self.headline(), published=self.published, hour=hour, minute=minute,
                    stamp=self.stamp_line(hour, minute), outlet=r.choice(OUTLETS))
        if r.random() < 0.3:
            a.author = f"By {r.choice(W_FIRST)} {r.choice(W_LAST)}" if r.random() < 0.5 else \
                f"By {r.choice(VN_FAMILY)} {r.choice(VN_GIVEN)}"
        if r.random() < 0.5:
            a.furniture_top.append(" Font Size:     |        Print")
        if r.random() < 0.3:
            a.furniture_top.append(f"{self.cast[0]['title']} {self.cast[0]['full']} (Photo: {r.choice(['VNA', 'Reuters', 'AFP', 'NDO'])})")

        # Lead paragraph: a dateline most of the time, then who/what/when.
        city, agency, dash = r.choice(DATELINES)
        lead_p = self.cast[0]
        lead = (f"{cap(self.first_mention(lead_p))} {r.choice(['has called for', 'stressed the importance of', 'urged', 'highlighted'])} "
                f"{r.choice(TASKS)} at a {r.choice(['meeting', 'conference', 'press briefing', 'working session'])} "
                f"in {r.choice(CITIES)} {self.date_phrase(self.published - timedelta(days=r.randrange(3)), point=True)}.")
        mark = r.random()
        if mark < 0.55:
            lead = f"{city} ({agency}) {dash} {lead}"
        elif mark < 0.75:
            lead = f"{r.choice(BARE_MARKS)} {lead}"
        a.paragraphs.append(lead)

        size = r.choices([(2, 5), (5, 12), (12, 30)], weights=(2, 6, 3))[0]
        for _ in range(r.randint(*size)):
            roll = r.random()
            if roll < 0.12:
                a.paragraphs.extend(self.p_list())
            elif roll < 0.18:
                a.paragraphs.append(f"{r.choice(['Achievements', 'Results', 'Tasks', 'Priorities'])} in {self.past().year}")
            else:
                a.paragraphs.append(self.paragraph())
        if r.random() < 0.3:
            a.paragraphs.append(f"-{agency}" if r.random() < 0.5 else agency)

        roll = r.random()
        if roll < 0.4:
            a.furniture_bottom.append(r.choice(RELATED_HEADS))
            a.furniture_bottom.extend(Writer(0, self.index * 7 + i).headline() for i in range(r.randint(1, 4)))
        elif roll < 0.55:
            a.furniture_bottom.append(f"Tags: {r.choice(TOPICS)}, {r.choice(COUNTRIES)}, {r.choice(CITIES)}")
        elif roll < 0.65:
            a.furniture_bottom.append(f"This article was published in the {r.choice(OUTLETS)} print edition "
                                      f"No. {r.randint(100, 999)} ({MONTH_NAMES[self.published.month - 1]} {self.published.year})")
        return a


def article(seed: int, index: int) -> Article:
    """Article number ``index`` of the corpus seeded ``seed``.

    >>> article(1, 5).headline == article(1, 5).headline
    True
    """
    return Writer(seed, index).article()


# --------------------------------------------------------------------------------------------
# Rendering.


def as_text(a: Article) -> str:
    """The page as a scraper saves it: headline, stamp, furniture, body, furniture."""
    lines: list[str] = []
    if a.stamp and a.index % 7 == 3:  # some sites print the stamp above the headline
        lines += [a.stamp, a.headline]
    else:
        lines += [a.headline, ""]
        if a.stamp:
            lines += [a.stamp]
    lines += a.furniture_top
    if a.author:
        lines.append(a.author)
    lines.append("")
    for p in a.paragraphs:
        lines += [p, ""]
    lines += a.furniture_bottom
    return "\n".join(lines) + "\n"


def as_json(a: Article) -> str:
    """One JSONL record: the body (with some of its furniture) and the metadata a feed carries."""
    obj: dict[str, str] = {"title": a.headline, "text": "\n\n".join(a.paragraphs + a.furniture_bottom)}
    if a.stamp is not None:
        obj["published"] = (f"{a.published.isoformat()}T{a.hour:02d}:{a.minute:02d}:00+07:00"
                            if a.index % 2 else a.published.isoformat())
    obj["url"] = f"https://news.example.org/{a.published.year}/{a.index}.html"
    obj["outlet"] = a.outlet
    if a.author:
        obj["author"] = a.author.removeprefix("By ")
    return json.dumps(obj, ensure_ascii=False)


def as_html(a: Article) -> str:
    e = html.escape
    meta = ""
    if a.stamp is not None:
        meta = (f'<meta property="article:published_time" content="{a.published.isoformat()}T'
                f'{a.hour:02d}:{a.minute:02d}:00+07:00">\n')
    body = "\n".join(f"<p>{e(p)}</p>" for p in a.paragraphs)
    related = "".join(f"<li><a href='/r/{i}'>{e(h)}</a></li>" for i, h in enumerate(a.furniture_bottom))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(a.headline)} | {e(a.outlet)}</title>
<meta property="og:title" content="{e(a.headline)}">
<meta property="og:site_name" content="{e(a.outlet)}">
{meta}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li></ul></nav>
<article>
<h1>{e(a.headline)}</h1>
<div class="meta">{e(a.stamp or '')} <span class="tools">Font Size: | Print | Share</span></div>
{body}
</article>
<aside><h3>Related news</h3><ul>{related}</ul></aside>
<footer><p>© {a.published.year} {e(a.outlet)}. All rights reserved.</p></footer>
</body></html>
"""


# --------------------------------------------------------------------------------------------
# The corpus.


@dataclass
class CorpusInfo:
    docs: int = 0
    files: int = 0
    bytes: int = 0
    by_format: dict[str, int] = field(default_factory=dict)


def fmt_of(seed: int, index: int, jsonl_share: float, html_share: float) -> str:
    """The file format article ``index`` is written in (stable per (seed, index))."""
    x = random.Random(f"briefing-bench-fmt:{seed}:{index}").random()
    return "html" if x < html_share else "jsonl" if x < html_share + jsonl_share else "txt"


JSONL_PER_FILE = 250


def write_corpus(out: Path, docs: int, seed: int = 1, start: int = 0, jsonl_share: float = 0.1,
                 html_share: float = 0.02) -> CorpusInfo:
    """Write articles ``start .. start+docs-1`` under ``out`` (folders of 1,000 files).

    JSONL articles go to feed files of up to 250 records each, named by their block of indices,
    so that adding articles later never rewrites an existing feed's earlier lines.
    """
    info = CorpusInfo()
    feeds: dict[Path, list[str]] = {}
    for i in range(start, start + docs):
        fmt = fmt_of(seed, i, jsonl_share, html_share)
        a = article(seed, i)
        folder = out / f"{i // 1000:03d}"
        if fmt == "jsonl":
            feeds.setdefault(out / "feeds" / f"feed-{i // JSONL_PER_FILE:05d}.jsonl", []).append(as_json(a))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            data = (as_html(a) if fmt == "html" else as_text(a)).encode("utf-8")
            (folder / f"{i:06d}.{fmt}").write_bytes(data)
            info.files += 1
            info.bytes += len(data)
        info.docs += 1
        info.by_format[fmt] = info.by_format.get(fmt, 0) + 1
    for path, lines in feeds.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with path.open("ab") as fh:  # appending keeps --start runs adding to a feed's block
            fh.write(data)
        info.files += 1
        info.bytes += len(data)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic, reproducible news corpus for benchmarks.")
    ap.add_argument("out", type=Path, help="output folder (created)")
    ap.add_argument("--docs", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--start", type=int, default=0, help="index of the first article (to extend a corpus)")
    ap.add_argument("--jsonl-share", type=float, default=0.1, help="share of articles in .jsonl feeds")
    ap.add_argument("--html-share", type=float, default=0.02, help="share of articles as .html pages")
    ap.add_argument("--json", action="store_true", help="print a JSON summary")
    args = ap.parse_args(argv)
    if args.docs < 0 or args.start < 0 or not 0 <= args.jsonl_share + args.html_share <= 1:
        ap.error("--docs/--start must be >= 0 and the shares must add up to at most 1")
    t0 = time.perf_counter()
    info = write_corpus(args.out, args.docs, args.seed, args.start, args.jsonl_share, args.html_share)
    secs = time.perf_counter() - t0
    summary = {"docs": info.docs, "files": info.files, "bytes": info.bytes, "by_format": info.by_format,
               "seconds": round(secs, 3)}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"wrote {info.docs} articles ({info.bytes / 1e6:.1f} MB in {info.files} files: "
              + ", ".join(f"{k} {v}" for k, v in sorted(info.by_format.items())) + f") in {secs:.2f}s",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
