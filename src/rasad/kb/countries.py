"""Countries: CLDR Arabic territory names (babel) with Wikidata ids authored here and English names from CLDR.

Only ids the authors were sure of are listed; a territory without one gets a stable "kb:country-xx" id.
"""

from __future__ import annotations

import re

from rasad.kb.entries import KbEntry

# ISO 3166-1 alpha-2 → Wikidata QID of the sovereign state / territory.
COUNTRY_QIDS = {
    "AD": "Q228", "AE": "Q878", "AF": "Q889", "AG": "Q781", "AL": "Q222", "AM": "Q399", "AO": "Q916",
    "AR": "Q414", "AT": "Q40", "AU": "Q408", "AZ": "Q227", "BA": "Q225", "BB": "Q244", "BD": "Q902",
    "BE": "Q31", "BF": "Q965", "BG": "Q219", "BH": "Q398", "BI": "Q967", "BJ": "Q962", "BN": "Q921",
    "BO": "Q750", "BR": "Q155", "BS": "Q778", "BT": "Q917", "BW": "Q963", "BY": "Q184", "BZ": "Q242",
    "CA": "Q16", "CD": "Q974", "CF": "Q929", "CG": "Q971", "CH": "Q39", "CI": "Q1008", "CK": "Q26988",
    "CL": "Q298", "CM": "Q1009", "CN": "Q148", "CO": "Q739", "CR": "Q800", "CU": "Q241", "CV": "Q1011",
    "CY": "Q229", "CZ": "Q213", "DE": "Q183", "DJ": "Q977", "DK": "Q35", "DM": "Q784", "DO": "Q786",
    "DZ": "Q262", "EC": "Q736", "EE": "Q191", "EG": "Q79", "EH": "Q6250", "ER": "Q986", "ES": "Q29",
    "ET": "Q115", "FI": "Q33", "FJ": "Q712", "FM": "Q702", "FR": "Q142", "GA": "Q1000", "GB": "Q145",
    "GD": "Q769", "GE": "Q230", "GH": "Q117", "GL": "Q223", "GM": "Q1005", "GN": "Q1006", "GQ": "Q983",
    "GR": "Q41", "GT": "Q774", "GW": "Q1007", "GY": "Q734", "HK": "Q8646", "HN": "Q783", "HR": "Q224",
    "HT": "Q790", "HU": "Q28", "ID": "Q252", "IE": "Q27", "IL": "Q801", "IN": "Q668", "IQ": "Q796",
    "IR": "Q794", "IS": "Q189", "IT": "Q38", "JM": "Q766", "JO": "Q810", "JP": "Q17", "KE": "Q114",
    "KG": "Q813", "KH": "Q424", "KI": "Q710", "KM": "Q970", "KN": "Q763", "KP": "Q423", "KR": "Q884",
    "KW": "Q817", "KZ": "Q232", "LA": "Q819", "LB": "Q822", "LC": "Q760", "LI": "Q347", "LK": "Q854",
    "LR": "Q1014", "LS": "Q1013", "LT": "Q37", "LU": "Q32", "LV": "Q211", "LY": "Q1016", "MA": "Q1028",
    "MC": "Q235", "MD": "Q217", "ME": "Q236", "MG": "Q1019", "MH": "Q709", "MK": "Q221", "ML": "Q912",
    "MM": "Q836", "MN": "Q711", "MO": "Q14773", "MR": "Q1025", "MT": "Q233", "MU": "Q1027", "MV": "Q826",
    "MW": "Q1020", "MX": "Q96", "MY": "Q833", "MZ": "Q1029", "NA": "Q1030", "NE": "Q1032", "NG": "Q1033",
    "NI": "Q811", "NL": "Q55", "NO": "Q20", "NP": "Q837", "NR": "Q697", "NU": "Q34020", "NZ": "Q664",
    "OM": "Q842", "PA": "Q804", "PE": "Q419", "PG": "Q691", "PH": "Q928", "PK": "Q843", "PL": "Q36",
    "PR": "Q1183", "PS": "Q219060", "PT": "Q45", "PW": "Q695", "PY": "Q733", "QA": "Q846", "RO": "Q218",
    "RS": "Q403", "RU": "Q159", "RW": "Q1037", "SA": "Q851", "SB": "Q685", "SC": "Q1042", "SD": "Q1049",
    "SE": "Q34", "SG": "Q334", "SI": "Q215", "SK": "Q214", "SL": "Q1044", "SM": "Q238", "SN": "Q1041",
    "SO": "Q1045", "SR": "Q730", "SS": "Q958", "ST": "Q1039", "SV": "Q792", "SY": "Q858", "SZ": "Q1050",
    "TD": "Q657", "TG": "Q945", "TH": "Q869", "TJ": "Q863", "TL": "Q574", "TM": "Q874", "TN": "Q948",
    "TO": "Q678", "TR": "Q43", "TT": "Q754", "TV": "Q672", "TW": "Q865", "TZ": "Q924", "UA": "Q212",
    "UG": "Q1036", "US": "Q30", "UY": "Q77", "UZ": "Q265", "VA": "Q237", "VC": "Q757", "VE": "Q717",
    "VN": "Q881", "VU": "Q686", "WS": "Q683", "XK": "Q1246", "YE": "Q805", "ZA": "Q258", "ZM": "Q953",
    "ZW": "Q954",
}  # fmt: skip

# CLDR codes that are not countries (regions, test locales, organisations the authored tables describe).
NOT_COUNTRIES = frozenset(
    {"XA", "XB", "ZZ", "QO", "EZ", "UN", "EU", "AC", "CP", "DG", "EA", "IC", "TA", "UM"}
)

_PAREN = re.compile(r"\s*\(([^)]*)\)")


def _split_cldr_name(name: str) -> tuple[str, list[str]]:
    """ "ميانمار (بورما)" → ("ميانمار", ["بورما"]); "الكونغو - كينشاسا" keeps its form and adds "الكونغو كينشاسا"."""
    aliases = [m.group(1).strip() for m in _PAREN.finditer(name)]
    main = _PAREN.sub("", name).strip()
    if " - " in main:
        aliases.append(main.replace(" - ", " "))
    return main, [a for a in aliases if a and "منطقة" not in a]


def country_entries() -> list[KbEntry]:
    """One GPE entry per CLDR territory with an Arabic name (id = Wikidata QID when known)."""
    from babel import Locale

    arabic = Locale("ar").territories
    english = Locale("en").territories
    entries = []
    for code, name in sorted(arabic.items()):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        main, aliases = _split_cldr_name(name)
        qid = COUNTRY_QIDS.get(code)
        entries.append(
            KbEntry(
                id=qid or f"kb:country-{code.lower()}",
                label="GPE",
                name_ar=main,
                name_en=english.get(code),
                wikidata=qid,
                aliases=aliases,
                country=code,
                kind="country",
                source="country",
            )
        )
    return entries
