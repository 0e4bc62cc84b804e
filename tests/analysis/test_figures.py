"""extract_figures: every form of quantity an article reports, and what is not a figure."""

import pytest

from sdg_analysis.figures import deduplicate, extract_figures
from sdg_analysis.non_figures import not_a_figure
from sdg_analysis.numbers import parse_number_words
from sdg_analysis.text import split_sentences


def one(sentence: str):
    """The single figure of ``sentence``; fails when there are none or several."""
    figures = extract_figures(sentence)
    assert len(figures) == 1, [(f.text, f.counts) for f in figures]
    return figures[0]


# -- digits ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, value, text",
    [
        ("More than 1,200 families were displaced by the floods.", 1200, "1,200"),
        ("Some 1 200 households lost their homes.", 1200, "1 200"),
        ("Inspectors visited 3.5 thousand farms.", 3500, "3.5 thousand"),
        ("Officials counted 12,345,678 voters.", 12345678, "12,345,678"),
        ("About 7.5 million children are out of school.", 7_500_000, "7.5 million"),
        ("Nearly 3bn people lack clean cooking fuel.", 3_000_000_000, "3bn"),
    ],
)
def test_digits_with_separators_decimals_and_scales(sentence, value, text):
    fig = one(sentence)
    assert fig.value == value
    assert fig.text == text


# -- number words ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, value",
    [
        ("Fifteen schools were closed.", 15),
        ("Two million people need food aid.", 2_000_000),
        ("A dozen villages were flooded.", 12),
        ("The scheme reached twenty-one villages.", 21),
        ("Three hundred and fifty nurses went on strike.", 350),
        ("More than half a million people were forced from their homes.", 500_000),
    ],
)
def test_number_words(sentence, value):
    assert one(sentence).value == value


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("two million five hundred thousand", 2_500_000),
        ("a hundred", 100),
        ("ninety-nine", 99),
        ("half a billion", 500_000_000),
        ("seventeen", 17),
        ("banana", None),
    ],
)
def test_parse_number_words(phrase, value):
    assert parse_number_words(phrase) == value


def test_vague_quantity_keeps_its_words_as_qualifier_and_a_lower_bound():
    fig = one("Hundreds of protesters gathered in the capital.")
    assert fig.qualifier == "hundreds of"
    assert fig.value == 200
    assert fig.counts.startswith("protesters")
    fig = one("Tens of thousands of workers went on strike.")
    assert fig.value == 20_000
    assert fig.counts.startswith("workers")


# -- qualifiers -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "qualifier",
    ["nearly", "close to", "more than", "at least", "about", "around", "almost", "over", "up to", "fewer than", "some"],
)
def test_qualifiers_are_kept_as_written(qualifier):
    fig = one(f"{qualifier.capitalize()} 4,000 migrants were rescued at sea.")
    assert fig.qualifier == qualifier
    assert fig.value == 4000
    assert fig.text == "4,000"
    # the mark covers the qualifier and the number
    start, end = fig.evidence.marks[0]
    assert fig.sentence[start:end].lower() == f"{qualifier} 4,000"


def test_no_qualifier_when_none_is_written():
    assert one("Rescuers found 4,000 migrants at sea.").qualifier is None


# -- percentages ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Around 40 per cent of children are stunted.",
        "Around 40% of children are stunted.",
        "Around 40 percent of children are stunted.",
        "Around forty per cent of children are stunted.",
    ],
)
def test_percentages_in_every_spelling(sentence):
    fig = one(sentence)
    assert (fig.kind, fig.value, fig.unit) == ("percent", 40, "%")
    assert fig.counts.startswith("children")
    assert fig.qualifier == "around"


def test_percentage_points_are_a_unit_of_their_own():
    fig = one("Poverty fell by 2 percentage points.")
    assert (fig.kind, fig.unit) == ("percent", "percentage points")


def test_fractions_and_one_in_n_are_percentages():
    fig = one("One in five children is out of school.")
    assert (fig.kind, fig.value) == ("percent", 20)
    assert fig.counts == "children"
    fig = one("About two thirds of reefs were affected.")
    assert fig.kind == "percent" and round(fig.value) == 67 and fig.qualifier == "about"
    assert one("More than half of the unvaccinated children live in cities.").value == 50


# -- money ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, value, currency",
    [
        ("The government pledged US$3 billion for climate adaptation.", 3e9, "USD"),
        ("The budget is $450 million this year.", 450e6, "USD"),
        ("Donors gave €450 million in aid.", 450e6, "EUR"),
        ("Britain gave £20m to the fund.", 20e6, "GBP"),
        ("The project costs 2.5 million euros.", 2.5e6, "EUR"),
        ("The fund disbursed 40 million dollars.", 40e6, "USD"),
        ("The company invested 20 million rupees.", 20e6, "INR"),
        ("Traders paid KSh 2,000 in bribes.", 2000, "KES"),
        ("The deal is worth 3 billion USD.", 3e9, "USD"),
    ],
)
def test_money_with_a_normalised_currency(sentence, value, currency):
    fig = one(sentence)
    assert fig.kind == "money"
    assert fig.value == value
    assert fig.currency == currency


def test_money_says_what_it_is_for():
    assert one("The government pledged US$3 billion for climate adaptation.").counts == "climate adaptation"
    assert one("Donors gave €450 million in aid.").counts == "aid"


# -- units -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, unit, counts",
    [
        ("Farmers lost 500,000 tonnes of rice.", "tonnes", "rice"),
        ("The fire destroyed 12,000 hectares of forest.", "hectares", "forest"),
        ("The reserve covers 3,400 km² of rainforest.", "km²", "rainforest"),
        ("The park covers 150 square kilometres.", "km²", None),
        ("The new plant will generate 500 MW of solar power.", "MW", "solar power"),
        ("The dam adds 2 GW of capacity.", "GW", "capacity"),
        ("Households use 1,200 kWh of electricity a year.", "kWh", "electricity"),
        ("Villagers walk 5 km to fetch water.", "km", None),
        ("Each family receives 20 litres of water per day.", "litres", "water"),
    ],
)
def test_measures_with_units(sentence, unit, counts):
    fig = one(sentence)
    assert (fig.kind, fig.unit, fig.counts) == ("measure", unit, counts)


def test_rates_per_100000_and_per_1000_live_births():
    fig = one("The homicide rate is 3.2 per 100,000 people.")
    assert (fig.kind, fig.value, fig.unit) == ("rate", 3.2, "per 100,000 people")
    assert fig.counts == "homicide rate"
    fig = one("Infant mortality fell to 25 deaths per 1,000 live births.")
    assert (fig.kind, fig.value, fig.unit, fig.counts) == ("rate", 25, "per 1,000 live births", "deaths")


def test_the_denominator_of_a_rate_is_not_a_figure_of_its_own():
    values = [f.value for f in extract_figures("The maternal mortality ratio is 450 per 100,000 live births.")]
    assert values == [450]


def test_a_prison_term_is_a_duration_not_a_count_of_people():
    fig = one("He was sentenced to 30 years in prison.")
    assert (fig.kind, fig.value, fig.unit) == ("duration", 30, "years")
    assert fig.counts == "prison sentence"
    fig = one("Traffickers face up to 10 years in prison.")
    assert (fig.kind, fig.qualifier, fig.counts) == ("duration", "up to", "prison sentence")


# -- ranges -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, low, high",
    [
        ("Between 200 and 300 migrants drowned.", 200, 300),
        ("The camp holds 200-300 families.", 200, 300),
        ("The survey covered 200 to 300 schools.", 200, 300),
        ("Between 2 and 3 million people were displaced.", 2_000_000, 3_000_000),
        ("Prices rose by 40–50% in a year.", 40, 50),
    ],
)
def test_ranges(sentence, low, high):
    fig = one(sentence)
    assert (fig.value, fig.high) == (low, high)


def test_from_x_to_y_after_a_change_verb_is_two_figures_not_a_range():
    figures = extract_figures("The number of refugees rose from 200 to 300.")
    assert [(f.value, f.high) for f in figures] == [(200, None), (300, None)]
    assert all(f.counts == "refugees" for f in figures)


# -- what a number counts -------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, counts",
    [
        ("Of those screened, 258 were formally identified as victims of human trafficking.", "victims of human trafficking"),
        ("Fifteen perpetrators of forced scamming have been convicted so far.", "perpetrators of forced scamming convicted"),
        ("Close to 500 victims of these compounds have been assisted.", "victims assisted"),
        ("About 260 people who had been held inside scam compounds were released.", "people held"),
        ("Around 260 people freed from scam compounds cross into Thailand.", "people freed"),
        ("A total of 1,500 trafficking victims were identified.", "trafficking victims identified"),
        ("They came from 19 countries, with many from Africa.", "countries"),
        ("At least 11 people were reported killed across the region.", "people killed"),
        ("About 2 million people living in poverty lack clean water.", "people living in poverty"),
        ("Officials said 2 million displaced people need shelter.", "displaced people"),
        ("Of the 40 workers, 12 were children.", None),  # checked below: 12 counts children
        ("The death toll climbed to 57.", "death toll"),
        ("The unemployment rate rose to 7.5%.", "unemployment rate"),
        ("Deforestation in Brazil's Amazon fell by 30.6 per cent.", "Deforestation"),
        ("The World Bank expects remittances to grow by around 2.3 per cent.", "remittances"),
        ("Around 138 million children worldwide were engaged in child labour.", "children engaged"),
        ("Some 52.4 per cent of the world's people were covered by social protection.", "world's people covered"),
    ],
)
def test_the_noun_phrase_a_number_counts(sentence, counts):
    figures = extract_figures(sentence)
    if counts is None:
        assert [f.counts for f in figures] == ["workers", "children"]
    else:
        assert figures[-1].counts == counts


# -- not figures ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The road was built in 2021.",
        "In February 2025, the talks resumed.",
        "On 21 February 2025 the border reopened.",
        "Since 2021 the programme has expanded.",
        "The country aims to end hunger by 2030.",
        "The 2030 Agenda is ambitious.",
        "The UN's 2023 report was published.",
        "Progress between 2015 and 2020 was slow.",
        "This is the third report on the crisis.",
        "He finished 21st in the race.",
        "The meeting starts at 10:30 am.",
        "Call +66 2 123 4567 for help.",
        "For help call 555-123-4567.",
        "The article supports SDG 8 and target 8.7.",
        "Progress on targets 8.7, 16.2 and 16.3 is slow.",
        "Indicator 16.2.2 is measured every year.",
        "COVID-19 disrupted schooling.",
        "The G20 met in Rio.",
        "1) Improve the law.",
        "A 14-year-old girl was rescued.",
        "Children aged 5-17 are in child labour.",
        "Over the past 10 years, the forest has shrunk.",
        "Two years ago, the dam broke.",
        "The two countries signed an agreement.",
        "One of them was sentenced.",
        "Read paragraph 12 of Resolution 2250.",
        "It was the 5th time in 10 days.",
        "The minister, 54, resigned.",
        "A woman is killed every ten minutes.",
        "Biden began a three-day visit.",
        "The pledge made in 2009 expired.",
        "Emissions are measured against 2005 levels.",
        "The company reported 5G coverage.",
        "Visit www.example.org/report-2024 for details.",
    ],
)
def test_sentences_without_figures(sentence):
    assert extract_figures(sentence) == []


def test_years_among_real_figures_are_left_out():
    figures = extract_figures("In 2021, close to 2000 people fled, and by 2030 another 5,000 people may follow.")
    assert [f.value for f in figures] == [2000, 5000]
    assert figures[0].qualifier == "close to"


@pytest.mark.parametrize(
    "sentence, number, skip_to",
    [
        ("On 21 February 2025, 300 people were moved.", "21", None),
        ("Patients in COVID-19 wards were moved.", "19", None),
        ("Call +66 2 123 4567 now.", "66", "4567"),
        ("See www.example.org/report-2024 today.", "2024", "2024"),
    ],
)
def test_not_a_figure_looks_around_one_number(sentence, number, skip_to):
    start = sentence.index(number)
    end = start + len(number)
    result = not_a_figure(sentence, start, end)
    assert result is not None and result >= end
    if skip_to:
        assert result == sentence.index(skip_to) + len(skip_to)
    people = sentence.find("300")
    if people != -1:
        assert not_a_figure(sentence, people, people + 3) is None


# -- evidence and deduplication ----------------------------------------------------------------
def test_evidence_offsets_point_into_the_text():
    text = "Title of the story\n\nNothing here. About 260 people were released in February 2025."
    fig = one(text)
    ev = fig.evidence
    assert text[ev.start : ev.end] == ev.sentence
    start, end = ev.marks[0]
    assert ev.sentence[start:end] == "About 260"
    assert ev.terms[0] == "260"


def test_a_headline_repeating_the_body_figure_is_kept_once_with_the_fuller_sentence():
    text = (
        "Around 260 people freed from scam compounds\n\n"
        "About 260 people who had been held inside online scam compounds were released and handed over."
    )
    figures = extract_figures(text)
    assert len(figures) == 1
    assert figures[0].qualifier == "about"
    assert figures[0].evidence.start > 0


def test_different_things_with_the_same_value_are_kept():
    figures = extract_figures("Police arrested 12 suspects. They freed 12 children.")
    assert [f.counts for f in figures] == ["suspects", "children"]


def test_deduplicate_is_stable_on_distinct_figures():
    figures = extract_figures("Some 40 schools closed. Another 50 clinics shut.")
    assert deduplicate(list(figures)) == figures


def test_only_sentences_with_numbers_are_read():
    text = "No numbers at all here. Nor here. But 42 villages were flooded."
    sentences = split_sentences(text)
    figures = extract_figures(text, sentences)
    assert [f.value for f in figures] == [42]
    assert figures[0].evidence.start == sentences[2].start
