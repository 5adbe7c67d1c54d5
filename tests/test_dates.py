"""The temporal tagger, table-driven: news sentences -> every expression found, normalised.

Each row lists *all* the expressions the tagger must find in the sentence (text, type, value), so
the non-dates (ordinals, counts, money, percentages) are checked by their absence.
"""

from __future__ import annotations

import pytest

from briefing.extract.dates import Timex, parse_reference, tag

R_MAR16 = "2016-03-01"  # a Tuesday
R_FEB26 = "2016-02-26"  # a Friday
R_OCT19 = "2019-10-31"  # a Thursday
R_JUL24 = "2024-07"
R_2024 = "2024"

CASES: list[tuple[str, str | None, list[tuple[str, str, str]]]] = [
    # --- full dates, US and UK styles -------------------------------------------------------
    ("The commission was founded on November 1, 1949.", None, [("November 1, 1949", "DATE", "1949-11-01")]),
    ("He was born on 5 September 1962 in Vientiane.", None, [("5 September 1962", "DATE", "1962-09-05")]),
    ("The accord was signed on Nov. 1, 1949, in Hanoi.", None, [("Nov. 1, 1949", "DATE", "1949-11-01")]),
    ("The law took effect Jan. 12, 2023.", None, [("Jan. 12, 2023", "DATE", "2023-01-12")]),
    ("Talks resumed on Sept. 3, 2021.", None, [("Sept. 3, 2021", "DATE", "2021-09-03")]),
    ("It closed on 3 Sept 2021.", None, [("3 Sept 2021", "DATE", "2021-09-03")]),
    ("The summit opened on 24th June 2017.", None, [("24th June 2017", "DATE", "2017-06-24")]),
    ("He died on the 5th of May 1821 on Saint Helena.", None, [("the 5th of May 1821", "DATE", "1821-05-05")]),
    ("Elections are due on May 3rd, 2026.", None, [("May 3rd, 2026", "DATE", "2026-05-03")]),
    ("The treaty dates from July 18 1977.", None, [("July 18 1977", "DATE", "1977-07-18")]),
    ("Voting ends on Thursday, 31 October 2019.", None, [("Thursday, 31 October 2019", "DATE", "2019-10-31")]),
    ("The vote was held on Tuesday, Nov. 8, 2016.", None, [("Tuesday, Nov. 8, 2016", "DATE", "2016-11-08")]),
    ("It was announced on 8 February 2012 by the Politburo.", None, [("8 February 2012", "DATE", "2012-02-08")]),
    ("The agreement (signed 18 July 1977) still holds.", None, [("18 July 1977", "DATE", "1977-07-18")]),
    ("The ceasefire of 27 JANUARY 1973 was brief.", None, [("27 JANUARY 1973", "DATE", "1973-01-27")]),
    ("A leap day: February 29, 2024.", None, [("February 29, 2024", "DATE", "2024-02-29")]),
    ("No such day as February 30, 2023 exists.", None, [("2023", "DATE", "2023")]),
    # --- numeric dates ----------------------------------------------------------------------
    ("Posted 2019-10-31.", None, [("2019-10-31", "DATE", "2019-10-31")]),
    ("Updated 2019-10-31 16:52:42", None, [("2019-10-31 16:52:42", "TIME", "2019-10-31T16:52:42")]),
    ("13/12/2021| 16:40", None, [("13/12/2021", "DATE", "2021-12-13"), ("16:40", "TIME", "XXXX-XX-XXT16:40")]),
    ("Filed 12/13/2021 by the clerk.", None, [("12/13/2021", "DATE", "2021-12-13")]),
    ("Posted 2/5/2018 15:38", None, [("2/5/2018", "DATE", "2018-05-02"), ("15:38", "TIME", "XXXX-XX-XXT15:38")]),
    ("The ruling of 31.12.2020 stands.", None, [("31.12.2020", "DATE", "2020-12-31")]),
    ("The notice of 2021/04/01 was withdrawn.", None, [("2021/04/01", "DATE", "2021-04-01")]),
    ("Deadline: 01/04/21.", None, [("01/04/21", "DATE", "2021-04-01")]),
    # --- month and year ---------------------------------------------------------------------
    ("Biden visited Hanoi in September 2023.", None, [("September 2023", "DATE", "2023-09")]),
    ("Putin came (June 2024) for two days.", None, [("June 2024", "DATE", "2024-06"), ("two days", "DURATION", "P2D")]),
    ("The seminar was held in May -2017.", None, [("May -2017", "DATE", "2017-05")]),
    ("Sales fell in December of 2017.", None, [("December of 2017", "DATE", "2017-12")]),
    ("The plant opened in Oct. 2019.", None, [("Oct. 2019", "DATE", "2019-10")]),
    ("Inflation peaked in June, 2022.", None, [("June, 2022", "DATE", "2022-06")]),
    ("Communist Review No. 904 (February 2018)", None, [("February 2018", "DATE", "2018-02")]),
    ("A report issued in early March 2020 warned of the risk.", None,
     [("early March 2020", "DATE", "2020-03")]),
    # --- years ------------------------------------------------------------------------------
    ("In 2017, the world situation developed rapidly.", None, [("2017", "DATE", "2017")]),
    ("He spoke at the assembly in Russia in 2018.", None, [("2018", "DATE", "2018")]),
    ("Since 2011, Vietnam has established 25 partnerships.", None, [("2011", "DATE", "2011")]),
    ("The platform (revised in 2011) guides policy.", None, [("2011", "DATE", "2011")]),
    ("The goals run until 2025, 2030 and 2045.", None,
     [("2025", "DATE", "2025"), ("2030", "DATE", "2030"), ("2045", "DATE", "2045")]),
    ("Talks were held in 2015 and 2016.", None, [("2015", "DATE", "2015"), ("2016", "DATE", "2016")]),
    ("By 2030 emissions must halve.", None, [("2030", "DATE", "2030")]),
    ("The year 2017 was a special one.", None, [("The year 2017", "DATE", "2017")]),
    ("The 2016 elections changed everything.", None, [("2016", "DATE", "2016")]),
    ("The budget for fiscal 2018 was cut.", None, [("fiscal 2018", "DATE", "2018")]),
    ("Growth slowed in early 2017 and recovered in late 2017.", None,
     [("early 2017", "DATE", "2017"), ("late 2017", "DATE", "2017")]),
    ("Output rose by the end of 2019.", None, [("the end of 2019", "DATE", "2019")]),
    ("The plan dates from mid-2015.", None, [("mid-2015", "DATE", "2015")]),
    ("2018's budget was larger.", None, [("2018", "DATE", "2018")]),
    ("He has led the party since 1991 (re-elected 2016).", None,
     [("1991", "DATE", "1991"), ("2016", "DATE", "2016")]),
    # --- ranges -----------------------------------------------------------------------------
    ("The 70th anniversary (November 1, 1949-2019) was marked.", None,
     [("November 1, 1949-2019", "DATE", "1949-11-01")]),
    ("Ties date back (5 September 1962-5 September 2017).", None,
     [("5 September 1962-5 September 2017", "DATE", "1962-09-05")]),
    ("The 50th anniversary (24 June 1967- 24 June 2017) fell that year.", None,
     [("24 June 1967- 24 June 2017", "DATE", "1967-06-24"), ("that year", "DATE", "XXXX")]),
    ("He served as governor 1949-2019.", None, [("1949-2019", "DATE", "1949")]),
    ("The 2019-20 season was cut short.", None, [("2019-20", "DATE", "2019")]),
    ("He was mayor from 2011 to 2016.", None, [("2011 to 2016", "DATE", "2011")]),
    ("It grew between 2000 and 2010.", None, [("2000 and 2010", "DATE", "2000")]),
    ("The festival runs March 3-5, 2017.", None, [("March 3-5, 2017", "DATE", "2017-03-03")]),
    ("The talks ran 5-7 September 2017 in Geneva.", None, [("5-7 September 2017", "DATE", "2017-09-05")]),
    ("Output rose in January-March 2017.", None, [("January-March 2017", "DATE", "2017-01")]),
    ("The probe covered September 2023-June 2024.", None, [("September 2023-June 2024", "DATE", "2023-09")]),
    # --- year-less dates resolved from the article's date and the tense --------------------
    ("A senior official said in Hanoi on February 26.", R_FEB26, [("February 26", "DATE", "2016-02-26")]),
    ("The minister said on Feb. 20 that talks had stalled.", R_MAR16, [("Feb. 20", "DATE", "2016-02-20")]),
    ("Police arrested him on 28 December.", R_MAR16, [("28 December", "DATE", "2015-12-28")]),
    ("The summit will be held on April 12.", R_MAR16, [("April 12", "DATE", "2016-04-12")]),
    ("Elections will take place on 10 January.", R_MAR16, [("10 January", "DATE", "2017-01-10")]),
    ("He visited Paris in May.", R_OCT19, [("May", "DATE", "2019-05")]),
    ("He will visit Paris in November.", R_OCT19, [("November", "DATE", "2019-11")]),
    ("He visited Paris in November.", R_OCT19, [("November", "DATE", "2018-11")]),
    ("Sales fell last March.", R_OCT19, [("last March", "DATE", "2019-03")]),
    ("Sales fell last October.", R_OCT19, [("last October", "DATE", "2018-10")]),
    ("The vote is due next May.", R_OCT19, [("next May", "DATE", "2020-05")]),
    ("Talks opened on March 5.", None, [("March 5", "DATE", "XXXX-03-05")]),
    ("Talks opened on March 5.", R_2024, [("March 5", "DATE", "2024-03-05")]),
    ("He said on the 26th of February he would stay.", R_MAR16, [("the 26th of February", "DATE", "2016-02-26")]),
    # --- weekdays ---------------------------------------------------------------------------
    ("The ministers met on Monday.", R_MAR16, [("Monday", "DATE", "2016-02-29")]),
    ("The ministers will meet on Friday.", R_MAR16, [("Friday", "DATE", "2016-03-04")]),
    ("The ministers met on Tuesday.", R_MAR16, [("Tuesday", "DATE", "2016-03-01")]),
    ("He resigned last Friday.", R_MAR16, [("last Friday", "DATE", "2016-02-26")]),
    ("They meet again next Tuesday.", R_MAR16, [("next Tuesday", "DATE", "2016-03-08")]),
    ("Protesters gathered on Sunday morning.", R_MAR16, [("Sunday morning", "TIME", "2016-02-28TMO")]),
    ("The ministers met on Monday.", None, [("Monday", "DATE", "XXXX-WXX-1")]),
    # --- relative to the article's date -----------------------------------------------------
    ("The president arrived today.", R_MAR16, [("today", "DATE", "2016-03-01")]),
    ("The president arrived yesterday.", R_MAR16, [("yesterday", "DATE", "2016-02-29")]),
    ("He leaves tomorrow.", R_MAR16, [("tomorrow", "DATE", "2016-03-02")]),
    ("Fighting broke out last night.", R_MAR16, [("last night", "TIME", "2016-02-29TNI")]),
    ("He spoke this morning.", R_MAR16, [("this morning", "TIME", "2016-03-01TMO")]),
    ("Three days ago the talks collapsed.", R_MAR16, [("Three days ago", "DATE", "2016-02-27")]),
    ("Two years ago he was elected.", R_MAR16, [("Two years ago", "DATE", "2014")]),
    ("Six months ago prices were lower.", R_MAR16, [("Six months ago", "DATE", "2015-09")]),
    ("This year, the Vatican Secretary visited Vietnam.", R_2024, [("This year", "DATE", "2024")]),
    ("Last year, the two parties held a seminar.", "2018-05-02", [("Last year", "DATE", "2017")]),
    ("Exports will grow next year.", R_2024, [("next year", "DATE", "2025")]),
    ("Prices rose last month.", R_MAR16, [("last month", "DATE", "2016-02")]),
    ("Prices rose last month.", "2016-01-10", [("last month", "DATE", "2015-12")]),
    ("The deal is due next month.", R_JUL24, [("next month", "DATE", "2024-08")]),
    ("Output slowed this month.", R_JUL24, [("this month", "DATE", "2024-07")]),
    ("Turnout fell last week.", R_MAR16, [("last week", "DATE", "2016-W08")]),
    ("Officials meet this week.", R_MAR16, [("this week", "DATE", "2016-W09")]),
    ("Earlier this year the bank cut rates.", R_MAR16, [("Earlier this year", "DATE", "2016")]),
    ("To date, the party has ties with 260 parties.", R_JUL24, [("To date", "DATE", "2024-07")]),
    ("to date, our Party has formed relations", "2021-12-13", [("to date", "DATE", "2021-12-13")]),
    ("Keep the register up to date.", R_MAR16, []),
    ("He reported to the Party chief several days ago.", R_JUL24, [("several days ago", "DATE", "PAST_REF")]),
    ("The dispute ended a decade ago.", R_2024, [("a decade ago", "DATE", "2014")]),
    # --- narrative-anchored ("anaphoric") ----------------------------------------------------
    ("Delegations were exchanged during the year.", "2018-05-02", [("the year", "DATE", "2018")]),
    ("They exchanged visits in the same year.", "2018-05-02", [("the same year", "DATE", "2018")]),
    ("The war ended the following year.", R_2024, [("the following year", "DATE", "2025")]),
    # --- durations --------------------------------------------------------------------------
    ("Throughout its 70 years of establishment, it grew.", None, [("70 years", "DURATION", "P70Y")]),
    ("It grew over the past 10 years.", None, [("the past 10 years", "DURATION", "P10Y")]),
    ("Within only nine months, three leaders came.", None, [("nine months", "DURATION", "P9M")]),
    ("During the three decades of Doi moi, it grew.", None, [("three decades", "DURATION", "P30Y")]),
    ("The truce lasted two weeks.", None, [("two weeks", "DURATION", "P2W")]),
    ("The talks lasted 48 hours.", None, [("48 hours", "DURATION", "PT48H")]),
    ("He was jailed for 15 years.", None, [("15 years", "DURATION", "P15Y")]),
    ("He waited for a year.", None, [("a year", "DURATION", "P1Y")]),
    ("It took a year and a half to build.", None, [("a year and a half", "DURATION", "P18M")]),
    ("It took one and a half years.", None, [("one and a half years", "DURATION", "P18M")]),
    ("The 5-year plan ends soon.", None, [("5-year", "DURATION", "P5Y")]),
    ("A 10-year bond yields 4%.", None, [("10-year", "DURATION", "P10Y")]),
    ("He spent twenty-five years in exile.", None, [("twenty-five years", "DURATION", "P25Y")]),
    ("The past year has been hard.", None, [("The past year", "DURATION", "P1Y")]),
    ("in the past years, ties deepened", None, [("the past years", "DURATION", "PXY")]),
    ("Over the next few months, talks continue.", None, [("the next few months", "DURATION", "PXM")]),
    ("a 70-year-old man was hurt", None, []),
    ("The next 30 minutes were tense.", None, [("The next 30 minutes", "DURATION", "PT30M")]),
    # --- vague references -------------------------------------------------------------------
    ("Over recent years, ties have deepened.", None, [("recent years", "DATE", "PAST_REF")]),
    ("Relations are now developed.", None, [("now", "DATE", "PRESENT_REF")]),
    ("The important thing currently is growth.", None, [("currently", "DATE", "PRESENT_REF")]),
    ("The key tasks in the time ahead are clear.", None, [("the time ahead", "DATE", "FUTURE_REF")]),
    ("In the coming time, it will expand.", None, [("the coming time", "DATE", "FUTURE_REF")]),
    ("He recently returned.", None, [("recently", "DATE", "PAST_REF")]),
    ("Ties will grow in the near future.", None, [("the near future", "DATE", "FUTURE_REF")]),
    ("In the past, the party was isolated.", None, [("the past", "DATE", "PAST_REF")]),
    ("At present, 20 parties take part.", None, [("At present", "DATE", "PRESENT_REF")]),
    ("as it has today", R_MAR16, [("today", "DATE", "PRESENT_REF")]),
    ("the issues of today's world", R_MAR16, [("today", "DATE", "PRESENT_REF")]),
    # --- decades, centuries, seasons, quarters ----------------------------------------------
    ("Reforms began in the 1990s.", None, [("the 1990s", "DATE", "199X")]),
    ("Reforms began in the early 1980s.", None, [("the early 1980s", "DATE", "198X")]),
    ("Music from the '60s is back.", None, [("the '60s", "DATE", "196X")]),
    ("It was built in the 19th century.", None, [("the 19th century", "DATE", "18")]),
    ("Challenges of the 21st century loom.", None, [("the 21st century", "DATE", "20")]),
    ("The road opens in summer 2025.", None, [("summer 2025", "DATE", "2025-SU")]),
    ("Talks resume this spring.", R_MAR16, [("this spring", "DATE", "2016-SP")]),
    ("Troops left last winter.", R_MAR16, [("last winter", "DATE", "2015-WI")]),
    ("Prices fall in the autumn.", R_MAR16, [("the autumn", "DATE", "2016-FA")]),
    ("Prices fall as demand eases.", R_MAR16, []),
    ("GDP grew 6% in the third quarter of 2019.", None, [("the third quarter of 2019", "DATE", "2019-Q3")]),
    ("Profit doubled in Q3 2019.", None, [("Q3 2019", "DATE", "2019-Q3")]),
    ("Sales rose in the first quarter.", R_MAR16, [("the first quarter", "DATE", "2016-Q1")]),
    ("Output fell in the first half of 2020.", None, [("the first half of 2020", "DATE", "2020-H1")]),
    ("He scored in the second half.", None, []),
    # --- times ------------------------------------------------------------------------------
    ("The blast happened at 3 p.m. local time.", R_MAR16, [("3 p.m.", "TIME", "2016-03-01T15:00")]),
    ("Polls close at 8:30 pm.", R_MAR16, [("8:30 pm", "TIME", "2016-03-01T20:30")]),
    ("The quake struck at 0330 GMT.", R_MAR16, [("0330 GMT", "TIME", "2016-03-01T03:30")]),
    ("The quake struck at 10:42 GMT.", R_MAR16, [("10:42 GMT", "TIME", "2016-03-01T10:42")]),
    ("The curfew starts at midnight.", R_MAR16, [("midnight", "TIME", "2016-03-01T24:00")]),
    # --- sets -------------------------------------------------------------------------------
    ("The forum meets every year.", None, [("every year", "SET", "P1Y")]),
    ("The report is published annually.", None, [("annually", "SET", "P1Y")]),
    ("Elections are held every five years.", None, [("every five years", "SET", "P5Y")]),
    ("The council meets twice a year.", None, [("twice a year", "SET", "P1Y")]),
    ("Markets close on Sundays.", None, [("Sundays", "SET", "XXXX-WXX-7")]),
    ("The plant makes $5 billion a year.", None, [("a year", "SET", "P1Y")]),
    # --- the article's neighbourhood: year-less dates, quarters, narrative anchors ----------
    ("The dividend is payable Jan. 2 to holders of record Dec. 15.", R_OCT19,
     [("Jan. 2", "DATE", "2020-01-02"), ("Dec. 15", "DATE", "2019-12-15")]),
    ("The partners extended to Nov. 20 their offer.", R_OCT19, [("Nov. 20", "DATE", "2019-11-20")]),
    ("He visited Paris in November.", R_OCT19, [("November", "DATE", "2018-11")]),
    ("Prices peaked in mid-November.", R_OCT19, [("mid-November", "DATE", "2018-11")]),
    # A weekday named with a year-less date fixes the year; a year-less day weeks ahead is never
    # last year's, whatever verb of the sentence reads as past.
    ("The delegation arrived on Friday, Dec. 4.", "2015-06-01", [("Friday, Dec. 4", "DATE", "2015-12-04")]),
    ("The board approved a plan to hold the vote on Feb. 3.", "2021-01-20", [("Feb. 3", "DATE", "2021-02-03")]),
    ("The board approved the plan on Dec. 3.", "2021-01-20", [("Dec. 3", "DATE", "2020-12-03")]),
    # "May." ends its sentence: the next one's past tense does not date it.
    ("The ministry will hold a meeting in May. The plant opened in 2019.", R_OCT19,
     [("May", "DATE", "2020-05"), ("2019", "DATE", "2019")]),
    ("Third-quarter profit rose; a year earlier it fell.", R_OCT19,
     [("Third-quarter", "DATE", "2019-Q3"), ("a year earlier", "DATE", "2018-Q3")]),
    ("Net income in the third quarter doubled from the year-ago period.", R_OCT19,
     [("the third quarter", "DATE", "2019-Q3"), ("the year-ago period", "DATE", "2018-Q3")]),
    ("A quarter of the vote went to the left.", R_OCT19, []),
    ("The bridge opened in March 2004. Two years later it closed.", R_OCT19,
     [("March 2004", "DATE", "2004-03"), ("Two years later", "DATE", "2006")]),
    ("He died ten days before the trial.", R_OCT19, [("ten days", "DURATION", "P10D")]),
    ("The deadline was extended until 9 a.m. Tuesday.", R_OCT19, [("9 a.m. Tuesday", "TIME", "2019-11-05T09:00")]),
    ("The clinic opened at noon Thursday.", R_OCT19, [("noon Thursday", "TIME", "2019-10-31T12:00")]),
    ("The paper is printed daily and sold weekly.", None, [("daily", "SET", "P1D"), ("weekly", "SET", "P1W")]),
    # --- not dates --------------------------------------------------------------------------
    ("He spoke at the 10th General Assembly of the conference.", None, []),
    ("The 13th National Congress outlined three pillars.", None, []),
    ("Our Party has relations with 247 political parties in 111 countries.", None, []),
    ("The 55th anniversary of diplomatic ties was marked.", None, []),
    ("About 70-80% of the parties are ruling parties.", None, []),
    ("The firm earned $2019 million, or 2017 per cent more.", None, []),
    ("Police said 2000 people took part.", None, []),
    ("More than 1500 troops were deployed.", None, []),
    ("Conclusion No. 73-TB/TW was issued.", None, []),
    ("Font Size: | Print", None, []),
    ("Page 1 of 3 | Photo 2/5", None, []),
    ("The score was 3-1 after 90 minutes.", None, [("90 minutes", "DURATION", "PT90M")]),
    ("The policy may change, he said.", None, []),
    ("March on Rome was a film.", None, []),
    ("The 1st and 2nd battalions marched.", None, []),
    ("He lives at 1600 Pennsylvania Avenue.", None, []),
    ("The 2,017 delegates voted.", None, []),
    ("Call 1800 555 0199 for details.", None, []),
    ("The spring festival drew crowds.", None, []),
    ("Leaders fall when trust fades.", None, []),
    ("Version 3.10.12 was released.", None, []),
    ("The report ran to 2024 pages.", None, []),
]


def _id(case: tuple[str, str | None, list[tuple[str, str, str]]]) -> str:
    return case[0][:40]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_tagger_table(case: tuple[str, str | None, list[tuple[str, str, str]]]) -> None:
    text, reference, expected = case
    found = tag(text, reference)
    assert [(t.text, t.type, t.value) for t in found] == expected
    for t in found:
        assert text[t.start:t.end] == t.text


def test_table_is_large_enough() -> None:
    assert sum(max(1, len(c[2])) for c in CASES) >= 150


# Ranges: start in value, end in end_value.
@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("(November 1, 1949-2019)", "1949-11-01", "2019-11-01"),
        ("(5 September 1962-5 September 2017)", "1962-09-05", "2017-09-05"),
        ("(18 July 1977-18 July 2017)", "1977-07-18", "2017-07-18"),
        ("1949-2019", "1949", "2019"),
        ("the 2019-20 season", "2019", "2020"),
        ("from 2011 to 2016", "2011", "2016"),
        ("March 3-5, 2017", "2017-03-03", "2017-03-05"),
        ("5-7 September 2017", "2017-09-05", "2017-09-07"),
        ("January-March 2017", "2017-01", "2017-03"),
    ],
)
def test_range_ends(text: str, value: str, end: str) -> None:
    (t,) = tag(text)
    assert (t.value, t.end_value) == (value, end)


@pytest.mark.parametrize(
    ("text", "precision"),
    [("on 5 May 2020", "day"), ("in May 2020", "month"), ("in 2020", "year"), ("last year", "year"),
     ("yesterday", "day"), ("the 1990s", None), ("now", None), ("10 years", None)],
)
def test_precision_is_never_more_than_the_text(text: str, precision: str | None) -> None:
    (t,) = tag(text, "2020-06-15")
    assert t.precision == precision


def test_relative_dates_against_a_year_only_reference_stay_at_year_precision() -> None:
    (t,) = tag("He arrived yesterday.", "2024")
    assert (t.value, t.precision) == ("2024", "year")


def test_signals_and_modifiers() -> None:
    since, until = tag("Since 2011 and until 2025, the plan holds.")
    assert (since.signal, since.mod) == ("since", "ON_OR_AFTER")
    assert until.signal == "until"
    (early,) = tag("in early 2017")
    assert (early.text, early.mod) == ("early 2017", "START")


def test_day_first_switch() -> None:
    assert tag("2/5/2018")[0].value == "2018-05-02"
    assert tag("2/5/2018", day_first=False)[0].value == "2018-02-05"


def test_relative_flag_and_json() -> None:
    absolute, relative = tag("On 5 May 2020 and yesterday.", "2020-06-15")
    assert not absolute.relative and relative.relative
    assert absolute.to_json() == {"start": 3, "end": 13, "text": "5 May 2020", "type": "DATE", "value": "2020-05-05"}


@pytest.mark.parametrize(
    ("reference", "parts"),
    [("2016", (2016, None, None)), ("2024-07", (2024, 7, None)), ("2019-10-31", (2019, 10, 31)),
     ("2019-10-31T16:52:42", (2019, 10, 31)), (None, (None, None, None)), ("soon", (None, None, None))],
)
def test_parse_reference(reference: str | None, parts: tuple[int | None, ...]) -> None:
    r = parse_reference(reference)
    assert (r.year, r.month, r.day) == parts


def test_timex_is_frozen() -> None:
    t = tag("in 2017")[0]
    assert isinstance(t, Timex)
    with pytest.raises(AttributeError):
        t.value = "2018"  # type: ignore[misc]


def test_offsets_on_wire_copy() -> None:
    text = ("WASHINGTON (Reuters) - The Federal Reserve held rates steady on Wednesday, Sept. 20, 2023, "
            "and signalled one more increase this year, officials said at 2 p.m. EDT.")
    found = tag(text, "2023-09-20")
    assert [(t.text, t.value) for t in found] == [
        ("Wednesday, Sept. 20, 2023", "2023-09-20"), ("this year", "2023"), ("2 p.m.", "2023-09-20T14:00")]
    assert all(text[t.start:t.end] == t.text for t in found)
