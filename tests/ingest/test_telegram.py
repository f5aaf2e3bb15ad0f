"""Fields of the telegram itself: header split, DTG, FM origin, classification, TAGS, SUBJECT."""

from __future__ import annotations

import pytest

from generator.ingest.dtg import parse_dtg_line
from generator.ingest.posts import post_from_fm
from generator.ingest.telegram import extract_subject, extract_tags, read_telegram, split_header

HEADER = (
    "VZCZCXRO8638\n"
    "OO RUEHAST RUEHBI\n"
    "DE RUEHTA #1111 1651156\n"
    "ZNR UUUUU ZZH\n"
    "O 131156Z JUN 08\n"
    "FM AMEMBASSY ASTANA\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2606\n"
    "INFO RUEHAST/USOFFICE ALMATY 0488\n"
    "RUCNCLS/SCA COLLECTIVE"
)
REST = "UNCLAS ASTANA 001111\n\nSENSITIVE\nSIPDIS\n\nTAGS: PHUM KZ\nSUBJECT: X\n"


def test_split_header_separates_routing_from_the_text() -> None:
    assert split_header(HEADER + "\n\n" + REST) == (HEADER, REST)
    assert split_header(HEADER + "\n" + REST) == (HEADER, REST)
    assert split_header(REST) == ("", REST)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("O 051131Z AUG 07", "2007-08-05T11:31"),
        ("P R 230914Z JUN 08", "2008-06-23T09:14"),
        ("O 200805Z NOV 09 ZDK", "2009-11-20T08:05"),
        ("201247Z Jan 04", "2004-01-20T12:47"),
        ("R 041125Z MAR 75", "1975-03-04T11:25"),
        ("Tuesday, 20 January 2004, 09:44", "2004-01-20T09:44"),
        ("O 311131Z FEB 07", None),
        ("051131Z AUGUSTO 07", None),
        ("1. (C) On 051131Z AUG 07 we met", None),
    ],
)
def test_date_time_groups(line: str, expected: str | None) -> None:
    assert parse_dtg_line(line) == expected


@pytest.mark.parametrize(
    ("fm", "origin", "token"),
    [
        ("AMEMBASSY ASTANA", "Embassy Astana", "ASTANA"),
        ("AMEMBASSY PORT AU PRINCE", "Embassy Port Au Prince", "PORTAUPRINCE"),
        ("AMCONSUL ISTANBUL", "Consulate Istanbul", "ISTANBUL"),
        ("AMCONSUL RIO DE JANEIRO", "Consulate Rio De Janeiro", "RIODEJANEIRO"),
        ("SECSTATE WASHDC", "Secretary of State", "STATE"),
        ("USMISSION GENEVA", "Mission Geneva", "GENEVA"),
        ("USMISSION USUN NEW YORK", "USUN New York", "USUNNEWYORK"),
        ("USMISSION USNATO", "Mission USNATO", "USNATO"),
        ("USMISSION UNVIE VIENNA", "UNVIE", "UNVIEVIENNA"),
        ("USEU BRUSSELS", "USEU Brussels", "USEUBRUSSELS"),
        ("USINT HAVANA", "US Interests Section Havana", "HAVANA"),
        ("RPO DUBAI", "Iran RPO Dubai", "RPODUBAI"),
        ("AIT TAIPEI", "American Institute Taiwan, Taipei", "AITTAIPEI"),
    ],
)
def test_fm_lines_name_the_origin_as_the_archive_does(fm: str, origin: str, token: str) -> None:
    post = post_from_fm(fm)
    assert post is not None and (post.origin, post.token) == (origin, token)


@pytest.mark.parametrize(
    ("captions", "expected"),
    [
        ("UNCLAS ASTANA 000001", "UNCLASSIFIED"),
        ("UNCLAS ASTANA 000001\n\nSENSITIVE", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("UNCLAS E F T O ASTANA 000001", "UNCLASSIFIED"),
        ("C O N F I D E N T I A L SECTION 01 OF 04 ANKARA 000348", "CONFIDENTIAL"),
        ("C O N F I D E N T I A L ANKARA 000348\n\nSIPDIS\nNOFORN", "CONFIDENTIAL//NOFORN"),
        ("S E C R E T ANKARA 000348\nNOFORN", "SECRET//NOFORN"),
        ("SECRET//NOFORN ANKARA 000348", "SECRET//NOFORN"),
        ("S e c r e t state 004134", "SECRET"),
        ("SS E C R E T TUNIS 000679", "SECRET"),
        ("C ONFIDENTIAL SECTION 01 of 03 BAKU 000744", "CONFIDENTIAL"),
        ("LIMITED OFFICIAL USE TEHRAN 02069", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("SECRETARY RICE MET THE MINISTER", None),
    ],
)
def test_classification_line_and_caveats(captions: str, expected: str | None) -> None:
    fields = read_telegram(captions + "\n\nE.O. 12958: N/A\nTAGS: PREL\n", "07")
    assert fields.classification == expected


def test_id_from_classification_line_and_dtg() -> None:
    fields = read_telegram(HEADER + "\n" + REST)
    assert (fields.id, fields.created, fields.origin) == (
        "08ASTANA1111",
        "2008-06-13T11:56",
        "Embassy Astana",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TAGS: PHUM PGOV KCRIM KZ\nSUBJECT: X", ("PHUM", "PGOV", "KCRIM", "KZ")),
        (
            "TAGS KCRM PHUM KWMN SMIG\nPREL, KZ\nSUBJECT: X",
            ("KCRM", "PHUM", "KWMN", "SMIG", "PREL", "KZ"),
        ),
        ("Tags: mtcr, parm, prel,\nettc, sy\nSubject: x", ("MTCR", "PARM", "PREL", "ETTC", "SY")),
        ("E.O. 12958: N/A TAGS: ASEC SNAR BR\n", ("ASEC", "SNAR", "BR")),
        ("TAGS: [PHUM](#) [PGOV](#)\n", ("PHUM", "PGOV")),
        ("TAGS: PINR, KCRM, BU, Organized Crime\n", ("PINR", "KCRM", "BU")),
        ("TAGS: PREL PREL PGOV\nSIPDIS\n", ("PREL", "PGOV")),
        ("1. (C) The tags of this cable are unknown.\n", ()),
    ],
)
def test_tags(text: str, expected: tuple[str, ...]) -> None:
    assert extract_tags(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SUBJECT: KAZAKHSTAN: TIP REPORT DELIVED \n \nREF: X", "KAZAKHSTAN: TIP REPORT DELIVED"),
        ("SUBJECT: A TWO-LINE\nSUBJECT, JOINED\n\n1. Text", "A TWO-LINE SUBJECT, JOINED"),
        ("SUBJECT:  SPACES  INSIDE \nREF: STATE 1", "SPACES INSIDE"),
        ("SUBJ: SHORT FORM\nClassified By: X", "SHORT FORM"),
        ("SUBJECT: WRAPPED\nBEFORE A REF\nREF: STATE 1", "WRAPPED BEFORE A REF"),
        ("The subject of this meeting was trade.\n", None),
    ],
)
def test_subject(text: str, expected: str | None) -> None:
    assert extract_subject(text) == expected
