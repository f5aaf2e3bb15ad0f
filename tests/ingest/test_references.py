"""REF fields in their real shapes -> canonical reference ids."""

from __future__ import annotations

import pytest

from generator.ingest.telegram import extract_references

SHAPES = [
    ("REF: A. 06 ASTANA 368 B. STATE 58370", ("06ASTANA368", "07STATE58370")),
    ("REF: (A) STATE 071143, (B) 06 STATE 202745", ("07STATE71143", "06STATE202745")),
    ("REFS: A) TALLINN 366 B) 08 MUNICH 355 and previous", ("07TALLINN366", "08MUNICH355")),
    ("REF: SECSTATE 15113", ("07STATE15113",)),
    ("REFTEL: DEPTEL 4444", ("07STATE4444",)),
    ("REF: RIO DE JAN 412; USUN NEW YORK 0512", ("07RIODEJANEIRO412", "07USUNNEWYORK512")),
    ("REF: A. 2008 BERLIN 000372 B. 1999 PARIS 12", ("08BERLIN372", "99PARIS12")),
    ("Ref: Berlin 1337, Berlin 1340", ("07BERLIN1337", "07BERLIN1340")),
    ("ref: State 12345", ("07STATE12345",)),
    ("REF: KUWAIT 431 09 KUWAIT 921", ("07KUWAIT431", "09KUWAIT921")),
    ("REF: STATE 297614 AND PREVIOUS 03 RANGOON 1427", ("07STATE297614", "03RANGOON1427")),
    ("REF: A) 06STATE12345, B) 08SECSTATE99", ("06STATE12345", "08STATE99")),
    ("REF: A. USEU BRUSSELS 123 B. HCMC 45 C. THE HAGUE 6", None),
    ("REF: ANKARA 1561 (EXDIS)", ("07ANKARA1561",)),
    ("REF: STATE 1234 DTG 251500Z MAR 08", ("07STATE1234",)),
    # Not cables: e-mails, reports, telcons, messages known by their DTG only.
    ("REF: EMAIL FROM J. SMITH 05/12/08", ()),
    ("REF: OSC EUP20080505950031", ()),
    ("REF: IIR 6 902 9698 08", ()),
    ("REF: FEB 24 A/S CARSON-AMB SANDERS TELCON", ()),
    ("REF: A. 201247Z JAN 04 B. STATE 3/4/08 MEMO", ()),
    ("REF: UNSCR 1701, PARA 5", ()),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES, ids=[text for text, _ in SHAPES])
def test_reference_shapes(text: str, expected: tuple[str, ...] | None) -> None:
    if expected is None:
        expected = ("07USEUBRUSSELS123", "07HOCHIMINHCITY45", "07THEHAGUE6")
    assert extract_references(text, "07") == expected


def test_lettered_list_over_lines_blank_lines_and_a_page_break() -> None:
    text = (
        "REF: A. 08 BRASILIA 236\n"
        "     ¶B. STATE 12345\n"
        "\n"
        "BRASILIA 00000429  001.2 OF 002\n"
        "\n"
        "     C. 2007 SAO PAULO 1111\n"
        "d. BRASILIA 175\n"
        "\n"
        "Classified By: Ambassador. Reason 1.4 (b)\n"
        "\n"
        "1. (C) Body text citing STATE 99999 is not a REF field.\n"
    )
    assert extract_references(text, "08") == (
        "08BRASILIA236",
        "08STATE12345",
        "07SAOPAULO1111",
        "08BRASILIA175",
    )


def test_without_the_cable_year_only_dated_citations_are_kept() -> None:
    assert extract_references("REF: A. STATE 1 B. 05 STATE 2", None) == ("05STATE2",)


def test_reftel_prose_after_the_first_paragraph_is_not_a_ref_field() -> None:
    text = "SUBJECT: X\n\n1. (C) Summary.\nREFTEL STATE 1234 ASKED US TO ACT.\n"
    assert extract_references(text, "07") == ()


def test_duplicates_are_dropped_in_order() -> None:
    assert extract_references("REF: STATE 1, STATE 2, SECSTATE 1", "07") == (
        "07STATE1",
        "07STATE2",
    )
