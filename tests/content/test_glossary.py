"""content/tags.yaml: the TAGS glossary the build shows beside every tag."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "content" / "tags.yaml"
TRUTH = ROOT / ".." / "shared" / "corpus" / "truth.jsonl"

TAG_SHAPE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
ENTRY_LINE = re.compile(r'(?P<quote>"?)(?P<tag>[A-Z0-9]+)(?P=quote): "(?P<meaning>[^"\\]+)"')

# Real-looking tags of the sample leak whose meaning we could not confirm from a
# reliable source; the glossary leaves them out rather than guess (tags.yaml header).
UNCONFIRMED = {"INRB", "KAWK", "KDRG", "KSPR", "XR", "ZB"}

# FIPS 10-4, not ISO 3166: the codes a reader is most likely to get wrong.
FIPS_SAMPLES = {
    "AS": "Australia",
    "AU": "Austria",
    "CH": "China",
    "ES": "El Salvador",
    "GM": "Germany",
    "IZ": "Iraq",
    "JA": "Japan",
    "KN": "North Korea",
    "KS": "South Korea",
    "KZ": "Kazakhstan",
    "RS": "Russia",
    "SF": "South Africa",
    "SP": "Spain",
    "SZ": "Switzerland",
    "TU": "Turkey",
    "UK": "United Kingdom",
    "UP": "Ukraine",
}


@pytest.fixture(scope="module")
def glossary() -> dict[str, str]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth_tag_counts() -> Counter[str]:
    if not TRUTH.is_file():
        pytest.skip(f"no sample corpus at {TRUTH} (shared data lives beside the checkout)")
    counts: Counter[str] = Counter()
    with TRUTH.open(encoding="utf-8") as lines:
        for line in lines:
            counts.update(set(json.loads(line)["tags"]))
    return counts


def test_is_a_mapping_of_strings(glossary):
    assert isinstance(glossary, dict)
    for tag, meaning in glossary.items():
        assert isinstance(tag, str), f"{tag!r} is not read as a string (quote it)"
        assert isinstance(meaning, str) and meaning.strip() == meaning and meaning, tag


def test_keys_are_upper_case_tag_shapes(glossary):
    bad = [tag for tag in glossary if not TAG_SHAPE.fullmatch(tag)]
    assert not bad


def test_one_quoted_entry_per_line_sorted_without_duplicates():
    tags = []
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        match = ENTRY_LINE.fullmatch(line)
        assert match, f'tags.yaml:{number}: not a TAG: "meaning" line: {line!r}'
        tags.append(match["tag"])
    assert len(tags) == len(set(tags)), "duplicate tags (YAML would keep only the last)"
    assert tags == sorted(tags)


def test_covers_subject_tags_and_country_codes(glossary):
    two_letter = [tag for tag in glossary if len(tag) == 2]
    others = [tag for tag in glossary if len(tag) != 2]
    assert len(two_letter) >= 250, "every FIPS 10-4 country code"
    assert len(others) >= 200, "subject, program and organization tags"
    for tag in ("PREL", "PGOV", "PHUM", "ECON", "ETRD", "PTER", "KTIP", "SMIG", "UNSC", "NATO"):
        assert tag in glossary


@pytest.mark.parametrize(("code", "country"), sorted(FIPS_SAMPLES.items()))
def test_country_codes_are_fips_not_iso(glossary, code, country):
    assert glossary[code].startswith(country)


def test_header_explains_the_file():
    head = GLOSSARY.read_text(encoding="utf-8").split("\n", 1)[0]
    assert head.startswith("# ") and "TAGS" in head


def is_joined(tag: str, glossary: dict[str, str]) -> bool:
    """True if `tag` splits into glossed tags, as the leak's PRELPGOV or KDEMAF do."""
    return any(
        tag[:cut] in glossary and (tag[cut:] in glossary or is_joined(tag[cut:], glossary))
        for cut in range(2, len(tag) - 1)
    )


def test_joined_tags_are_recognised(glossary):
    assert is_joined("PRELPGOV", glossary)
    assert is_joined("EINDETRD", glossary)
    assert not is_joined("PREL", glossary)


def test_frequent_tags_of_the_sample_leak_have_a_meaning(glossary, truth_tag_counts):
    frequent = {tag for tag, count in truth_tag_counts.items() if count >= 3}
    real = {tag for tag in frequent if tag in glossary or not is_joined(tag, glossary)}
    missing = sorted(real - set(glossary) - UNCONFIRMED)
    assert not missing, f"tags in 3+ cables of truth.jsonl without a meaning: {missing}"
    assert len(real) > 100


def test_unconfirmed_list_is_current(glossary, truth_tag_counts):
    assert not UNCONFIRMED & set(glossary), "now glossed: drop it from UNCONFIRMED"
    assert all(truth_tag_counts[tag] >= 3 for tag in UNCONFIRMED)


def test_misspelt_and_joined_tags_are_not_glossed(glossary):
    for garbage in ("KCRIM", "PRELPGOV", "PARTIES", "CLINTON"):
        assert garbage not in glossary
