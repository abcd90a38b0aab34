"""The one reading layer (ingest.tables): CSV dialects, BOM, gzip, XLSX, typed cells, records
over several lines, and the problems it reports; every answer checked by hand."""

from __future__ import annotations

import gzip
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.errors import Problem
from ingest import checks, vocab
from ingest.tables import (
    Column,
    TableSpec,
    cell_text,
    cells,
    delimited,
    open_csv,
    read_csv,
    records,
    rows,
    sniff_delimiter,
    table_from_cells,
    typed,
    xlsx_sheets,
)

SPEC = TableSpec("people", ("id", "name"), ("born", "score"), {"naam": "name"})
EXACT = TableSpec("project", ("id", "startDate"), ("title",), fold=False)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- dialects, BOM, gzip ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "id,name,born\n1,Ann,2001-02-03\n2,Bob,\n",
        "id;name;born\n1;Ann;2001-02-03\n2;Bob;\n",
        "\ufeffid;name;born\r\n1;Ann;2001-02-03\r\n2;Bob;\r\n",
        "ID ; Naam ; Born\n1;Ann;2001-02-03\n2;Bob;\n",  # folded names, an alias
    ],
)
def test_every_dialect_reads_the_same_rows(tmp_path, text):
    table, problems = read_csv(write(tmp_path / "people.csv", text), SPEC, "f/people.csv")
    assert problems == [] and table is not None
    assert table.columns == ["id", "name", "born"]
    assert [(r.line, r.values) for r in table.rows] == [
        (2, {"id": "1", "name": "Ann", "born": "2001-02-03"}),
        (3, {"id": "2", "name": "Bob", "born": ""}),
    ]
    assert all(r.file == "f/people.csv" for r in table.rows)


def test_a_gzip_packed_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "project.csv.gz"
    path.write_bytes(gzip.compress("\ufeffid;startDate;title\n7;2016-01-01;T\n".encode()))
    table, problems = open_csv(path, EXACT, "eu/project.csv.gz")
    assert problems == [] and table is not None
    assert [r.values for r in table.rows] == [{"id": "7", "startDate": "2016-01-01", "title": "T"}]


@pytest.mark.parametrize(
    "header, delimiter",
    [
        ("id;name", ";"),
        ("id,name", ","),
        ('"id";"name, first";"born"', ";"),  # a quoted comma in a ';' header
        ("a,b;c", ","),  # no known column either way: the first delimiter
        ("a;b;c,d", ";"),  # none known: the one that occurs more often
        ("id;name;born,x", ";"),  # only ';' gives both required columns
    ],
)
def test_the_delimiter_is_sniffed_from_the_header(header, delimiter):
    assert sniff_delimiter(header, SPEC) == delimiter


def test_exact_names_are_only_stripped():
    assert EXACT.canonical(" startDate ") == "startDate" and SPEC.canonical("Start Date") == (
        "start_date"
    )


# -- records that span lines, blank records ----------------------------------------------------
def test_a_record_keeps_the_line_it_starts_on(tmp_path):
    text = 'id,name\n\n1,"Ann\nover two\nlines"\n,\n2,Bob\n'
    assert records(text, ",") == [
        (1, ["id", "name"]),
        (3, ["1", "Ann\nover two\nlines"]),
        (7, ["2", "Bob"]),
    ]
    table, _ = read_csv(write(tmp_path / "p.csv", text), SPEC, "p.csv")
    assert table is not None
    assert [(r.line, r.get("name")) for r in table.rows] == [
        (3, "Ann\nover two\nlines"),
        (7, "Bob"),
    ]


def test_the_header_is_the_first_record_that_is_not_blank(tmp_path):
    table, _ = open_csv(write(tmp_path / "p.csv", "\n  \nid,name\n1,Ann\n"), SPEC, "p.csv")
    assert table is not None and table.header_line == 3 and table.rows[0].line == 4


# -- problems -----------------------------------------------------------------------------------
def test_not_utf8_names_the_first_bad_line(tmp_path):
    path = write(tmp_path / "p.csv", "id,name\n1,Ann\n2,Ren\u00e9\n", "cp1252")
    assert read_csv(path, SPEC, "p.csv") == (None, [Problem("p.csv", 3, "-", delimited.NOT_UTF8)])
    assert open_csv(path, EXACT, "p.csv") == (None, [Problem("p.csv", 3, "-", delimited.NOT_UTF8)])


def test_header_problems(tmp_path):
    def problems(text: str) -> list[Problem]:
        table, found = read_csv(write(tmp_path / "p.csv", text), SPEC, "p.csv")
        assert table is None
        return found

    assert problems("") == [
        Problem("p.csv", 1, "-", "the file is empty: a header line is expected")
    ]
    assert problems("\nid,born,score\n1,,\n") == [
        Problem("p.csv", 2, "name", "missing column 'name'")
    ]
    assert problems("id,name,Name\n") == [
        Problem("p.csv", 1, "name", "column 'name' appears twice")
    ]
    assert problems("id\tname\n") == [
        Problem(
            "p.csv",
            1,
            "-",
            "wrong delimiter or missing columns: the header does not split into the columns "
            "id, name with ',' or ';' (found 'id\\tname')",
        )
    ]


def test_a_row_with_too_many_fields(tmp_path):
    table, _ = read_csv(write(tmp_path / "p.csv", "id,name\n1,Ann,x\n2,Bob,\n"), SPEC, "p.csv")
    assert table is not None
    assert table.rows[0].problems == [
        Problem(
            "p.csv",
            2,
            "-",
            "3 fields where the header has 2: is a delimiter inside an unquoted value?",
        )
    ]
    assert table.rows[1].problems == []  # an empty extra field is only a trailing delimiter
    assert (table.rows[0].width, table.rows[0].extra) == (3, ["x"])


def test_open_csv_leaves_the_header_to_the_caller(tmp_path):
    table, problems = open_csv(
        write(tmp_path / "p.csv", "startDate;other\n2016;x;y\n"), EXACT, "p.csv"
    )
    assert problems == [] and table is not None
    assert table.header == ["startDate", "other"] and table.rows[0].width == 3
    assert rows.missing_columns(table) == [Problem("p.csv", 1, "id", "missing column 'id'")]
    empty, _ = open_csv(write(tmp_path / "e.csv", ""), EXACT, "e.csv")
    assert empty is not None and empty.header_line == 0
    assert [p.line for p in rows.missing_columns(empty)] == [1, 1]


# -- workbooks ----------------------------------------------------------------------------------
def test_a_sheet_reads_like_its_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = " People "
    sheet.append(["ID", "Naam", "Born", "Score"])
    sheet.append([1, "Ann", datetime(2001, 2, 3), 2.5])
    sheet.append([None, None, None, None])
    sheet.append([2.0, " Bob ", date(2002, 1, 1), True])
    book.save(tmp_path / "book.xlsx")
    sheets = xlsx_sheets(tmp_path / "book.xlsx")
    assert list(sheets) == ["people"]
    table, problems = table_from_cells(sheets["people"], SPEC, "book.xlsx[people]", tmp_path)
    assert problems == [] and table is not None
    assert [(r.line, r.values) for r in table.rows] == [
        (2, {"id": "1", "name": "Ann", "born": "2001-02-03", "score": "2.5"}),
        (4, {"id": "2", "name": "Bob", "born": "2002-01-01", "score": "true"}),
    ]


def test_sheet_header_problems(tmp_path):
    assert table_from_cells([(1, [None, ""])], SPEC, "b[x]", tmp_path) == (
        None,
        [Problem("b[x]", 1, "-", "row 1 is empty: a header row is expected")],
    )
    assert table_from_cells([(1, ["id", "born"])], SPEC, "b[x]", tmp_path)[1] == [
        Problem("b[x]", 1, "name", "missing column 'name'")
    ]


@pytest.mark.parametrize(
    "value, text",
    [
        (None, ""),
        (True, "true"),
        (datetime(2024, 3, 1, 0, 0), "2024-03-01"),
        (datetime(2024, 3, 1, 9, 30), "2024-03-01T09:30:00"),
        (date(2024, 3, 1), "2024-03-01"),
        (2021.0, "2021"),
        (0.1, "0.1"),
        (" x ", "x"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


# -- typed cells --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("1234.5", 1234.5),
        ("1234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,5", 1.5),
        ("1.000", 1.0),  # a lone '.' is a decimal mark
        ("12", 12),
        ("1e3", 1000),
        ("-2.50", -2.5),
    ],
)
def test_numbers_in_both_notations(text, value):
    got = cells.parse_number(text)
    assert got == value and type(got) is type(value)


def test_a_strict_number_takes_only_a_point():
    assert (
        cells.parse_number("2.5", comma=False) == 2.5 and cells.parse_number("7", comma=False) == 7
    )
    with pytest.raises(ValueError, match=r"^'1,5' is not a number$"):
        cells.parse_number("1,5", comma=False)
    with pytest.raises(ValueError, match=r"^'x' is not a number$"):
        cells.parse_number("x")


@pytest.mark.parametrize(
    "text, value",
    [
        ("1250000", 1250000.0),
        ("1 250 000", 1250000.0),
        ("€ 85000,50", 85000.5),
        ("1.250.000", 1250000.0),
    ],
)
def test_amounts(text, value):
    assert cells.parse_amount(text) == value


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "250.000",
            "'250.000' is ambiguous (250000 or 250.000?): write amounts without a "
            "thousands separator",
        ),
        ("-5", "'-5' is not an amount (digits, with ',' or '.' as decimal mark)"),
        ("1.250,000.5", "'1.250,000.5' is not an amount"),
    ],
)
def test_amounts_refused(text, reason):
    with pytest.raises(ValueError) as e:
        cells.parse_amount(text)
    assert str(e.value) == reason


def test_dates():
    assert cells.parse_date("3/2/2001") == cells.parse_date("2001-02-03") == date(2001, 2, 3)
    assert cells.parse_date("2001-02-03T00:00:00") == date(2001, 2, 3)
    assert cells.parse_iso_date("2001-02-03") == date(2001, 2, 3)
    for parse, text, reason in [
        (cells.parse_date, "2001-02-30", "'2001-02-30' is not a date in the calendar"),
        (cells.parse_date, "3.2.2001", "'3.2.2001' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
        (cells.parse_iso_date, "3/2/2001", "'3/2/2001' is not a date (YYYY-MM-DD)"),
    ]:
        with pytest.raises(ValueError) as e:
            parse(text)
        assert str(e.value) == reason


def test_whole_numbers_and_years():
    assert cells.parse_int("42") == 42 and cells.parse_year(" 2024 ") == 2024
    with pytest.raises(ValueError, match=r"^'4\.5' is not a whole number$"):
        cells.parse_int("4.5")
    with pytest.raises(ValueError, match=r"^'1850' is not a year \(four digits, 1900-2100\)$"):
        cells.parse_year("1850")


@pytest.mark.parametrize(
    "text, loose, value",
    [
        ("Ja", True, True),
        ("waar", True, True),
        ("x", True, True),
        ("NEE", True, False),
        ("0", True, False),
        ("TRUE", False, True),
        ("false", False, False),
    ],
)
def test_booleans(text, loose, value):
    assert cells.parse_bool(text, loose=loose) is value


@pytest.mark.parametrize("text", ["ja", "x", "1"])
def test_a_strict_boolean_is_true_or_false(text):
    with pytest.raises(ValueError, match="is not true or false"):
        cells.parse_bool(text, loose=False)


def test_lists():
    assert cells.parse_list(" coatings | circular  economy ||") == ["coatings", "circular  economy"]
    assert cells.parse_list("T-1;T-2,T-3", ";,") == ["T-1", "T-2", "T-3"]
    assert cells.parse_list("") == []


def test_typed_rows(tmp_path):
    columns = (
        Column("id", cells.parse_int, required=True),
        Column("name", cells.one_of("Ann", "Bob"), required=True),
        Column("born", cells.parse_iso_date),
        Column("score", cells.parse_number),
    )
    table, _ = read_csv(
        write(tmp_path / "p.csv", "id,name,born,score\n1,Ann,2001-02-03,\n,Eve,03/02/2001,1;5\n"),
        SPEC,
        "p.csv",
    )
    assert table is not None
    good, bad = table.rows
    assert typed(good, columns) == []
    assert good.cells == {"id": 1, "name": "Ann", "born": date(2001, 2, 3), "score": None}
    assert good["born"] == date(2001, 2, 3) and good.get("born") == "2001-02-03"
    assert typed(bad, columns) == [
        Problem("p.csv", 3, "id", "required value is empty"),
        Problem("p.csv", 3, "name", "'Eve' is not one of Ann, Bob"),
        Problem("p.csv", 3, "born", "'03/02/2001' is not a date (YYYY-MM-DD)"),
        Problem("p.csv", 3, "score", "'1;5' is not a number"),
    ]


def test_row_checks_collect_problems(tmp_path):
    table, _ = read_csv(write(tmp_path / "p.csv", "id,name,born\n,Ann,31/02/2001\n"), SPEC, "p.csv")
    assert table is not None
    row = table.rows[0]
    bad = checks.RowProblems(table, row)
    assert checks.required(bad, row, "id") is None and checks.date_value(bad, row, "born") is None
    assert checks.choice(bad, row, "name", vocab.SIZE_ALIASES, vocab.SIZE_SPELLINGS, True) is None
    assert [str(p) for p in bad.list] == [
        "p.csv:2:id: id is empty",
        "p.csv:2:born: '31/02/2001' is not a date in the calendar",
        "p.csv:2:name: unknown name 'Ann': one of sme, large",
    ]


def test_the_vocabularies_follow_the_model():
    from graph.model import CLUSTER_TYPES, ORG_KINDS, SIZES

    assert tuple(vocab.KIND_SPELLINGS) == ORG_KINDS
    assert tuple(vocab.SIZE_SPELLINGS) == SIZES and tuple(vocab.TYPE_SPELLINGS) == CLUSTER_TYPES
    assert vocab.KIND_ALIASES["bedrijf"] == "firm" and vocab.KIND_ALIASES["firm"] == "firm"
