"""A deterministic synthetic corpus of news-like SDG articles, for benchmarks.

    write_corpus(folder, n, seed=2024) -> list[Path]

Each article is Markdown with YAML front matter (title, date, slug, source, summary,
tags; about a third with an ``sdg:`` block) and a body of 600 to 900 words composed
from the sentence templates below: one topic per article (each topic leans on one
goal), figures with qualifiers ("more than 1.2 million people", "about 38 per cent",
"US$4.5 billion", "62 million tonnes"), dates spread over three years. The same
``n`` and ``seed`` always give the same bytes.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

START = date(2022, 1, 1)
# Sentences from the article's topic, a second topic, and general news prose: about
# 1.7 figures per 100 words, close to the bundled sample articles (1.3).
WEIGHTS = (0.2, 0.05, 0.75)
DAYS = 3 * 365

COUNTRIES = [
    "Kenya", "Bangladesh", "Brazil", "India", "Nigeria", "Indonesia", "Peru", "Viet Nam", "Ethiopia",
    "Colombia", "Pakistan", "the Philippines", "Ghana", "Morocco", "Mexico", "Nepal", "Senegal",
    "Cambodia", "Uganda", "Bolivia", "Egypt", "Malawi", "Sri Lanka", "Tanzania", "Guatemala",
    "Zambia", "Jordan", "Mozambique", "Honduras", "Madagascar", "Chad", "Haiti", "Fiji", "Tunisia",
]
CITIES = [
    "Nairobi", "Dhaka", "Recife", "Lagos", "Jakarta", "Lima", "Addis Ababa", "Bogotá", "Karachi",
    "Manila", "Accra", "Casablanca", "Kathmandu", "Dakar", "Phnom Penh", "Kampala", "La Paz", "Cairo",
    "Lilongwe", "Colombo", "Dar es Salaam", "Lusaka", "Amman", "Maputo", "Tegucigalpa", "N'Djamena",
]
REGIONS = [
    "sub-Saharan Africa", "South Asia", "Latin America and the Caribbean", "the Sahel",
    "East Asia and the Pacific", "the Middle East and North Africa", "Central America",
    "the small island developing States", "the least developed countries", "West Africa",
]
ROLES = [
    "the minister of finance", "a senior government official", "the head of the national statistics office",
    "a spokesperson for the ministry", "the mayor", "a regional director", "a district health officer",
    "the country representative", "a researcher who worked on the report", "a local community leader",
]
QUALIFIERS = ["about", "around", "nearly", "almost", "more than", "at least", "close to", "up to", "roughly", "over"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]

# One topic per goal: (goal, targets an editor might curate, tags, agencies, titles, sentences).
TOPICS = [
    ("1", ["1.1", "1.2", "1.3"], ["poverty", "social protection", "cash transfers"],
     ["the World Bank", "UNDP", "the ILO"],
     ["Extreme poverty rises again in {country} as prices outpace wages",
      "Cash transfers reach {count} households in {country}",
      "{agency} says {count} people still live on less than $2.15 a day"],
     ["The share of people living in extreme poverty in {country} rose to {pct} last year, according to {agency}.",
      "{count} people in {region} live below the international poverty line of $2.15 a day.",
      "The government expanded its cash transfer programme to {count} households, at a cost of {money}.",
      "Social protection covers only {pct} of the population, leaving most informal workers without a safety net.",
      "Families interviewed in {city} said they had cut meals to pay rent and school fees.",
      "The national poverty rate, measured against the national poverty line, fell by {pct} over five years.",
      "Pensions now reach {pct} of people above retirement age, up from {pct} a decade ago.",
      "{agency} estimates that a further {count} people could fall into poverty if food prices keep rising."]),
    ("2", ["2.1", "2.2", "2.3"], ["hunger", "food security", "agriculture"],
     ["the World Food Programme", "FAO", "UNICEF"],
     ["Hunger deepens in {region} as harvests fail for a second year",
      "{count} people face acute food insecurity in {country}",
      "Smallholder farmers in {country} get {money} to rebuild after drought"],
     ["{agency} said {count} people in {country} face crisis levels of acute food insecurity.",
      "Stunting affects {pct} of children under five in the poorest districts.",
      "The cereal harvest fell to {tonnes}, the lowest in a decade, after the rains failed.",
      "Smallholder farmers, who grow most of the country's food, received seeds and fertiliser worth {money}.",
      "Wasting among young children rose to {pct} in the camps around {city}.",
      "Food prices in local markets were {pct} higher than a year earlier.",
      "The prevalence of undernourishment in {region} has not fallen since {year}.",
      "Aid agencies warned that {count} children need treatment for severe acute malnutrition."]),
    ("3", ["3.1", "3.2", "3.3", "3.8"], ["health", "vaccination", "maternal health"],
     ["the World Health Organization", "UNICEF", "Gavi"],
     ["Measles outbreak spreads in {country} as vaccination rates fall",
      "Maternal deaths fall in {country} but progress slows",
      "{country} adds malaria vaccine to routine immunisation"],
     ["{agency} reported {count} suspected measles cases in {country} since {month}.",
      "Coverage of the third dose of the diphtheria, tetanus and pertussis vaccine fell to {pct}.",
      "The maternal mortality ratio fell to {ratio} deaths per 100,000 live births.",
      "Health workers in {city} said clinics ran out of essential medicines for weeks at a time.",
      "The under-five mortality rate dropped by {pct} over the decade.",
      "Out-of-pocket spending on health pushed {count} households into poverty, the report found.",
      "New HIV infections fell to {count} last year, while access to treatment reached {pct} of people living with HIV.",
      "The government pledged {money} to train midwives and equip rural health centres."]),
    ("4", ["4.1", "4.2", "4.5", "4.c"], ["education", "schools", "teachers"],
     ["UNESCO", "UNICEF", "the Global Partnership for Education"],
     ["{count} children out of school in {country}, report says",
      "Teacher shortage leaves classrooms in {region} with 60 pupils each",
      "{country} extends free secondary education to girls in rural districts"],
     ["{agency} estimates that {count} children of primary school age in {country} are not in school.",
      "Only {pct} of pupils reach minimum proficiency in reading by the end of primary school.",
      "The country needs {count} more trained teachers to meet its targets by 2030.",
      "Girls in rural districts are {pct} less likely than boys to complete lower secondary school.",
      "The education budget rose to {money}, or {pct} of public spending.",
      "Head teachers in {city} said classes of more than 60 pupils were now common.",
      "Enrolment in pre-primary education reached {pct}, up from {pct} five years earlier.",
      "School closures during the floods interrupted learning for {count} pupils."]),
    ("5", ["5.1", "5.2", "5.3", "5.5"], ["gender equality", "women", "violence against women"],
     ["UN Women", "UNFPA", "the Inter-Parliamentary Union"],
     ["Women hold {pct} of seats after {country}'s election",
      "Report finds {count} women and girls killed by partners or relatives",
      "{country} parliament votes to keep ban on child marriage"],
     ["Women now hold {pct} of seats in the national parliament, according to {agency}.",
      "{count} women and girls were killed by intimate partners or family members, the report said.",
      "Child marriage remains common: {pct} of women aged 20 to 24 were married before 18.",
      "Survivors of violence in {city} said police stations rarely had trained staff to take their complaints.",
      "Women do {pct} more unpaid care and domestic work than men, a time-use survey found.",
      "The law guarantees equal inheritance rights, but {pct} of land titles are held by men.",
      "Campaigners said {count} girls remain at risk of female genital mutilation each year.",
      "The share of women in managerial positions rose to {pct}."]),
    ("6", ["6.1", "6.2", "6.4"], ["water", "sanitation", "drought"],
     ["UNICEF", "the World Health Organization", "UN-Water"],
     ["{city} rations water as reservoirs fall to {pct}",
      "{count} people still lack safely managed drinking water in {country}",
      "New treatment plant brings piped water to {count} homes in {city}"],
     ["Reservoirs serving {city} fell to {pct} of capacity, forcing the utility to ration supply.",
      "{count} people in {country} lack safely managed drinking water, {agency} said.",
      "Open defecation is still practised by {pct} of the rural population.",
      "The new treatment plant will supply {litres} a day to {count} homes.",
      "Water withdrawals exceed {pct} of renewable freshwater resources in the basin.",
      "Residents of informal settlements in {city} pay up to ten times more per litre than connected households.",
      "The sanitation programme, costing {money}, will build latrines in {n} schools.",
      "Cholera cases rose to {count} as flooding contaminated wells."]),
    ("7", ["7.1", "7.2", "7.3"], ["energy", "electricity", "renewable energy"],
     ["the International Energy Agency", "IRENA", "the World Bank"],
     ["{country} connects {count} homes to the grid in a year",
      "Solar capacity in {region} passes {mw}",
      "{count} people in {region} still live without electricity"],
     ["Access to electricity in {country} rose to {pct} of the population.",
      "{count} people in {region} still live without electricity, according to {agency}.",
      "The new solar park adds {mw} of capacity to the national grid.",
      "Renewables supplied {pct} of electricity generation last year.",
      "Clean cooking fuels are used by only {pct} of rural households, who rely on firewood and charcoal.",
      "The utility signed a {money} agreement to build mini-grids in {n} villages.",
      "Energy intensity improved by {pct} a year, short of the rate needed to meet the 2030 goal.",
      "Diesel generators still power most clinics in the districts around {city}."]),
    ("8", ["8.5", "8.7", "8.8"], ["employment", "labour rights", "forced labour"],
     ["the ILO", "the International Organization for Migration", "UNODC"],
     ["Unemployment rises to {pct} in {country}",
      "{count} rescued from forced labour on fishing boats off {country}",
      "Youth jobless rate in {country} reaches {pct}"],
     ["The unemployment rate rose to {pct}, the highest since {year}, the statistics office said.",
      "{count} workers were freed from forced labour after raids on {n} sites, {agency} said.",
      "Young people not in employment, education or training make up {pct} of those aged 15 to 24.",
      "Informal employment accounts for {pct} of all jobs, most without contracts or sick pay.",
      "Workers in the garment factories of {city} earn {money} a month, below the living wage.",
      "The labour inspectorate recorded {count} occupational injuries last year.",
      "Child labour affects {count} children, many of them working on farms.",
      "Real GDP grew by {pct}, but wages did not keep pace with inflation."]),
    ("9", ["9.1", "9.c", "9.5"], ["infrastructure", "transport", "internet"],
     ["the African Development Bank", "the ITU", "the World Bank"],
     ["{money} rail corridor to link {country} to the coast",
      "Mobile broadband reaches {pct} of {country}'s population",
      "Bridge collapse in {city} exposes ageing infrastructure"],
     ["The {money} rail corridor will carry {tonnes} of freight a year.",
      "Mobile broadband now covers {pct} of the population, but only {pct} use the internet.",
      "Rural roads built under the programme put {count} people within two kilometres of an all-season road.",
      "Spending on research and development stands at {pct} of GDP.",
      "Manufacturing value added rose to {pct} of GDP.",
      "Engineers warned that {n} bridges around {city} need urgent repairs.",
      "The port expansion, financed with {money} in loans, doubles container capacity.",
      "Internet use among women is {pct} lower than among men, {agency} found."]),
    ("10", ["10.1", "10.7", "10.c"], ["inequality", "migration", "remittances"],
     ["the World Bank", "the International Organization for Migration", "UNHCR"],
     ["Remittances to {country} reach a record {money}",
      "{count} migrants died on the route to {region} last year",
      "Income gap widens in {country} as top 10 per cent gain most"],
     ["Remittances to {country} reached {money}, more than foreign direct investment and aid combined.",
      "The average cost of sending $200 home was {pct}, more than twice the target of 3 per cent.",
      "{agency} recorded {count} migrants dead or missing on the route.",
      "The income share of the poorest 40 per cent fell to {pct}.",
      "Migrant workers in {city} said recruitment fees cost them several months' wages.",
      "The Gini index rose to {ratio}, among the highest in {region}.",
      "{count} people were displaced across borders by conflict and disasters.",
      "Labour migration agreements now cover {n} destination countries."]),
    ("11", ["11.1", "11.5", "11.6"], ["cities", "housing", "air pollution"],
     ["UN-Habitat", "the World Health Organization", "UNEP"],
     ["Smog closes schools across {city} as pollution hits {n} times safe level",
      "{count} families left homeless after floods in {city}",
      "{country} launches {money} affordable housing plan"],
     ["Fine particulate matter in {city} reached {n} times the WHO guideline value.",
      "{count} people in {city} live in slums or informal settlements, {agency} said.",
      "The affordable housing plan aims to build {count} homes at a cost of {money}.",
      "Floods destroyed {count} houses and damaged roads, schools and clinics.",
      "Only {pct} of municipal solid waste is collected in the poorer districts.",
      "Public transport serves {pct} of the city's residents within walking distance.",
      "Disaster losses were estimated at {money}, or {pct} of GDP.",
      "City officials said {n} neighbourhoods remain without drainage."]),
    ("12", ["12.3", "12.4", "12.5"], ["waste", "recycling", "food waste"],
     ["UNEP", "the UN Institute for Training and Research", "the OECD"],
     ["E-waste reaches a record {tonnes}",
      "Households waste {pct} of food bought, UN index finds",
      "{country} bans single-use plastic bags"],
     ["The world generated {tonnes} of electronic waste, of which only {pct} was documented as recycled.",
      "Households wasted {count} tonnes of food, {agency} said, while {count} people went hungry.",
      "The ban on single-use plastic bags took effect on 1 {month}.",
      "The recycling rate for plastic packaging stayed at {pct}.",
      "Food loss after harvest and before retail was estimated at {pct} of production.",
      "Companies reporting on sustainability rose to {n} among the largest listed firms.",
      "Hazardous waste from tanneries near {city} still reaches the river untreated.",
      "Fossil fuel subsidies cost the budget {money} last year."]),
    ("13", ["13.1", "13.2", "13.a"], ["climate change", "climate finance", "heatwave"],
     ["the UNFCCC", "the World Meteorological Organization", "UNEP"],
     ["Heatwave kills {count} in {country} as temperatures pass 45°C",
      "Climate finance pledge of {money} falls short, developing countries say",
      "{country} submits new climate plan with {pct} emissions cut"],
     ["Temperatures in {city} reached {temp}, and hospitals recorded {count} cases of heatstroke.",
      "Developing countries said the pledge of {money} a year fell far short of their needs.",
      "The new national plan promises to cut emissions by {pct} by 2035.",
      "Greenhouse gas emissions rose to {co2} last year.",
      "The early warning system now covers {pct} of the population.",
      "Losses from climate-related disasters reached {money}, {agency} said.",
      "Farmers in {region} said the rainy season had become shorter and less predictable.",
      "Adaptation finance reached {money}, a fraction of what {agency} estimates is needed."]),
    ("14", ["14.1", "14.4", "14.5"], ["oceans", "fisheries", "coral reefs"],
     ["FAO", "NOAA", "the International Union for Conservation of Nature"],
     ["Mass coral bleaching hits {pct} of reefs",
      "{country} declares {km2} marine protected area",
      "Overfishing pushes fish stocks off {country} to record lows"],
     ["Bleaching-level heat stress has affected {pct} of the world's reef area, {agency} said.",
      "The new marine protected area covers {km2}, most of it closed to industrial fishing.",
      "{pct} of assessed fish stocks are overfished, up from {pct} a decade earlier.",
      "Fishers in {city} said their catch had fallen by half in five years.",
      "Plastic debris on beaches near {city} averaged {n} items per metre.",
      "Marine protected areas now cover {pct} of national waters.",
      "Illegal, unreported and unregulated fishing costs the region {money} a year.",
      "The agreement on fisheries subsidies entered into force after {n} ratifications."]),
    ("15", ["15.1", "15.2", "15.5"], ["forests", "deforestation", "biodiversity"],
     ["Global Forest Watch", "the International Union for Conservation of Nature", "UNEP"],
     ["Deforestation in {country} falls to its lowest since {year}",
      "Tropical forest loss hits record {hectares}",
      "{count} species assessed as threatened with extinction"],
     ["Satellite data showed {hectares} of primary tropical forest lost last year.",
      "Deforestation fell by {pct}, its lowest level since {year}, the environment ministry said.",
      "{count} species on the Red List are now threatened with extinction.",
      "Fires, many of them set to clear land, accounted for {pct} of the loss.",
      "Protected areas cover {pct} of the country's land.",
      "Indigenous communities near {city} said illegal logging had resumed on their land.",
      "A {money} fund will pay landowners to restore degraded forest.",
      "Land degradation affects {km2} of drylands in {region}."]),
    ("16", ["16.1", "16.2", "16.5", "16.a"], ["human trafficking", "corruption", "justice"],
     ["UNODC", "Transparency International", "the UN Office of the High Commissioner for Human Rights"],
     ["{count} trafficking victims freed from scam compounds near the border",
      "{country} drops to {n}th on corruption index",
      "Violence in {city} kills {count} in three months"],
     ["{count} people freed from scam compounds were identified as victims of human trafficking.",
      "{agency} said {n} suspected traffickers had been arrested and {n} convicted.",
      "The country scored {n} out of 100 on the corruption perceptions index.",
      "Homicides rose to {ratio} per 100,000 people, the highest rate in {region}.",
      "Survivors told investigators in {city} that they had been beaten when they failed to meet targets.",
      "{pct} of people who paid a bribe said it was to a police officer.",
      "Unsentenced detainees make up {pct} of the prison population.",
      "Birth registration reaches only {pct} of children under five in the remote provinces."]),
    ("17", ["17.2", "17.4", "17.17"], ["development finance", "debt", "aid"],
     ["the OECD", "UNCTAD", "the International Monetary Fund"],
     ["Official development assistance falls {pct}",
      "{country} completes {money} debt restructuring",
      "Developing countries pay record {money} in debt service"],
     ["Official development assistance fell by {pct} to {money}, {agency} said.",
      "Debt service consumed {pct} of export revenue, up from {pct} five years ago.",
      "The restructuring covers {money} of bonds held by private creditors.",
      "{count} people live in countries that spend more on interest than on health or education.",
      "Donors met only {pct} of the humanitarian appeal.",
      "Tax revenue stands at {pct} of GDP, below the level needed to fund basic services.",
      "The public-private partnership will finance {n} projects worth {money}.",
      "Finance ministers meeting in {city} called for reform of the international financial architecture."]),
]

# Background prose: who said what, when and how the numbers were gathered. Kept
# free of SDG topics (no jobs, schools, clinics, aid, debt, climate...), as the
# background of a real news story is about its own subject: the goals an article
# touches come from its topic sentences, so the analyser sees about as many goals
# and targets per article as on the bundled sample (see benchmarks/build.py).
GENERIC = [
    "The figures were published on {day} {month} in a report covering {n} countries.",
    "\"We are seeing the effects in every community we work with,\" {role} said.",
    "Officials said the situation had changed since {month} and could change again.",
    "The report draws on surveys, administrative records and interviews in {n} districts.",
    "{role_cap} told reporters in {city} that the government would publish a plan within weeks.",
    "Critics said the budget for the programme, {money}, was too small for its ambitions.",
    "The findings echo those of an earlier study in {country}, which reached similar conclusions.",
    "The authors call for better data, noting that {n} countries have no recent survey at all.",
    "Civil society groups in {city} welcomed the announcement but asked for a clear timetable.",
    "Progress since {year} has been uneven, and several measures have moved backwards.",
    "In {country}, the numbers rose for the third year in a row.",
    "Local officials said {count} people had been reached so far.",
    "The next review of progress is due in {month} {year2}.",
    "Researchers cautioned that the estimates carry wide margins of uncertainty.",
    "The agency said it would need {money} over the next {n} years to scale the programme up.",
    "Across {region}, the picture is similar, though a few countries have made rapid gains.",
    "A spokesperson for {agency} said the organisation would keep working with the authorities.",
    "The data were collected between {month} and {month2} by trained enumerators.",
    "Opposition lawmakers questioned whether the goals could be met before the end of the decade.",
    "The ministry said it would publish district-level figures for the first time next year.",
    "Independent economists said the official estimate was probably too low.",
    "Several of the measures were first proposed in {year}.",
    "{agency} said its teams had visited {n} communities since the start of the year.",
    "The government disputed parts of the report but accepted its main recommendations.",
    "Earlier this year, {country} adopted a national strategy with similar aims.",
    "Regional leaders are expected to discuss the findings at a summit in {city} in {month}.",
    "The authors recommend concentrating on the {n} districts where needs are greatest.",
    "Data for {region} show a similar pattern, with wide differences between countries.",
    "The latest figures cover the period up to the end of {month}.",
    "The new law still needs regulations before it can take effect.",
    "The announcement was made at a press conference in {city} on {day} {month}.",
    "The minister declined to say when the next figures would be released.",
    "A first draft of the plan was circulated to {n} ministries for comment in {month}.",
    "Parliament is expected to debate the proposal before the end of the year.",
    "The figures were revised after a review of the survey method in {year}.",
    "Officials in {city} said they had not yet seen the full report.",
    "The study was peer reviewed and its data will be made public in {month}.",
    "Previous estimates, published in {year}, used a different method and are not directly comparable.",
    "{role_cap} said the results would be presented to the cabinet next week.",
    "Observers said the timetable set out in the plan was ambitious.",
    "The statistics office said {n} of its regional branches had contributed data.",
    "Reporters who visited {city} this month found a mixed picture.",
]


def _number(rng: random.Random, small: bool = False) -> str:
    if small or rng.random() < 0.45:
        value = rng.choice([rng.randint(12, 990), rng.randint(1_000, 99_000)])
        return f"{value:,}"
    value = rng.choice([1.2, 1.5, 2.3, 3.4, 4.8, 6.1, 12, 17, 23, 38, 45, 62, 118, 244, 733])
    return f"{value:g} million"


def _fill(template: str, rng: random.Random, topic: tuple, country: str | None = None) -> str:
    agencies = topic[3]

    def value(match: re.Match) -> str:
        slot = match.group(1)
        if slot == "country":
            return country if country and rng.random() < 0.7 else rng.choice(COUNTRIES)
        if slot == "city":
            return rng.choice(CITIES)
        if slot == "region":
            return rng.choice(REGIONS)
        if slot == "agency":
            return rng.choice(agencies)
        if slot in ("role", "role_cap"):
            role = rng.choice(ROLES)
            return role[0].upper() + role[1:] if slot == "role_cap" else role
        if slot in ("month", "month2"):
            return rng.choice(MONTHS)
        if slot == "day":
            return str(rng.randint(1, 28))
        if slot == "year":
            return str(rng.randint(2000, 2019))
        if slot == "year2":
            return str(rng.randint(2025, 2027))
        if slot == "n":
            return str(rng.randint(3, 48))
        if slot == "count":
            return f"{rng.choice(QUALIFIERS)} {_number(rng)}"
        if slot == "pct":
            pct = rng.choice([rng.randint(2, 96), round(rng.uniform(1, 60), 1)])
            return f"{pct} per cent" if rng.random() < 0.6 else f"{pct}%"
        if slot == "money":
            amount = rng.choice([1.2, 4.5, 12, 38, 150, 300, 640, 2.7])
            unit = rng.choice(["million", "billion"])
            cur = rng.choice(["US$", "$", "€", "US$"])
            return f"{rng.choice(QUALIFIERS + [''] * 4)} {cur}{amount:g} {unit}".strip()
        if slot == "tonnes":
            return f"{rng.choice(QUALIFIERS)} {rng.choice([1.4, 3.2, 12, 62, 105])} million tonnes"
        if slot == "mw":
            return f"{rng.randint(50, 2400):,} megawatts"
        if slot == "km2":
            return f"{rng.randint(1_200, 480_000):,} square kilometres"
        if slot == "hectares":
            return f"{rng.choice(QUALIFIERS)} {rng.choice([1.1, 3.7, 6.7, 11.1])} million hectares"
        if slot == "litres":
            return f"{rng.randint(20, 900)} million litres"
        if slot == "temp":
            return f"{rng.randint(41, 50)}°C"
        if slot == "co2":
            return f"{rng.choice([37.4, 52.8, 57.1])} billion tonnes of carbon dioxide equivalent"
        if slot == "ratio":
            return f"{rng.randint(12, 480)}" if rng.random() < 0.7 else f"0.{rng.randint(30, 63)}"
        raise KeyError(slot)

    text = re.sub(r"\{(\w+)\}", value, template)
    return text[0].upper() + text[1:]


def _words(text: str) -> int:
    return len(text.split())


class _Deck:
    """Sentences drawn without replacement, reshuffled when used up."""

    def __init__(self, items, rng: random.Random):
        self.items, self.rng, self.left = list(items), rng, []

    def draw(self) -> str:
        if not self.left:
            self.left = self.items[:]
            self.rng.shuffle(self.left)
        return self.left.pop()


def article(i: int, n: int, rng: random.Random) -> tuple[str, str]:
    """(relative path, file text) of article ``i`` of ``n``."""
    topic = TOPICS[rng.randrange(len(TOPICS))]
    second = TOPICS[rng.randrange(len(TOPICS))]  # news rarely stays on one goal
    goal, targets, tags, agencies, titles, sentences = topic
    country = rng.choice(COUNTRIES)
    when = START + timedelta(days=min((i * DAYS) // n + rng.randint(0, 2), DAYS - 1))
    title = _fill(rng.choice(titles), rng, topic, country)
    slug = f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:60].rstrip('-')}-{i:05d}"

    decks = [(_Deck(sentences, rng), topic), (_Deck(second[5], rng), second), (_Deck(GENERIC, rng), topic)]
    goal_words = rng.randint(620, 880)
    paragraphs, words = [], 0
    while words < goal_words:
        paragraph = []
        for _ in range(rng.randint(3, 5)):
            deck, about = rng.choices(decks, weights=WEIGHTS)[0]
            paragraph.append(_fill(deck.draw(), rng, about, country))
        text = " ".join(paragraph)
        if words + _words(text) > 900:
            break
        paragraphs.append(text)
        words += _words(text)
    while words < 600:  # top up sentence by sentence
        extra = _fill(decks[2][0].draw(), rng, topic, country)
        paragraphs[-1] += " " + extra
        words += _words(extra)

    summary = _fill(rng.choice(sentences), rng, topic, country)
    agency = rng.choice(agencies)
    source = agency[4:] if agency.startswith("the ") else agency
    source_slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")
    chosen_tags = sorted(set(rng.sample(tags, rng.randint(1, len(tags))) + [country.replace("the ", "")]))
    front = [
        "---",
        f'title: "{title}"',
        f"date: {when.isoformat()}",
        f"slug: {slug}",
        "source:",
        f'  name: "{source}"',
        f"  url: https://{source_slug}.example.org/news/{when:%Y/%m}/{i:05d}",
        "summary: >-",
        f"  {summary}",
        f"tags: [{', '.join(chosen_tags)}]",
    ]
    if i % 3 == 0:  # about a third carry an editor's sdg: block
        picked = sorted(rng.sample(targets, rng.randint(1, 2)))
        front += ["sdg:", f"  goals: [{goal}]", "  targets: [" + ", ".join(f'"{t}"' for t in picked) + "]"]
    front.append("---")
    body = "\n\n".join(_wrap(p) for p in paragraphs)
    return f"articles/{when:%Y}/{slug}.md", "\n".join(front) + "\n\n" + body + "\n"


def _wrap(paragraph: str, width: int = 88) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


ABOUT = """---
title: About this portal
---

A synthetic corpus for benchmarks: news-like articles about the Sustainable Development Goals.
"""


def write_corpus(folder: Path, n: int, seed: int = 2024) -> list[Path]:
    """Write ``n`` articles (and one page) under ``folder``; return the article paths."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        rel, text = article(i, n, rng)
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "about.md").write_text(ABOUT, encoding="utf-8")
    return paths
