"""Extracting the tables of the real sample export, and refusing unsafe or damaged archives."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from calaccess_raw.extracting import (
    CorruptArchive,
    ExtractError,
    NotAnExport,
    UnsafeMember,
    extract_tables,
)
from calaccess_toolkit.errors import ToolkitError
from calaccess_toolkit.testing.fixtures import fixture

EXPORT = fixture("calaccess-export", "dbwebexport.zip")


def sample_sizes() -> dict[str, int]:
    """Table name -> uncompressed size, read from the sample's own directory."""
    with zipfile.ZipFile(EXPORT) as archive:
        return {
            Path(info.filename).stem: info.file_size
            for info in archive.infolist()
            if info.filename.endswith(".TSV")
        }


def into(folder: Path):
    return lambda table: folder / f"{table}.TSV"


def build_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_every_table_of_the_sample_is_extracted_flat_with_its_size(tmp_path):
    folder = tmp_path / "tsv"
    folder.mkdir()
    written = []

    result = extract_tables(EXPORT, into(folder), on_progress=written.append)

    sizes = sample_sizes()
    assert len(result.files) == 80
    assert {extracted.table: extracted.size for extracted in result.files} == sizes
    assert {path.name for path in folder.iterdir()} == {f"{table}.TSV" for table in sizes}
    for extracted in result.files:
        assert extracted.path.stat().st_size == sizes[extracted.table]
        assert extracted.member == f"CalAccess/DATA/{extracted.table}.TSV"
    assert sum(written) == result.total_size == sum(sizes.values())
    assert sum(1 for extracted in result.files if extracted.size == 0) == 4
    assert result.removed == []


def test_the_extracted_bytes_are_the_members_bytes(tmp_path):
    result = extract_tables(EXPORT, into(tmp_path))
    by_table = {extracted.table: extracted for extracted in result.files}
    with zipfile.ZipFile(EXPORT) as archive:
        original = archive.read("CalAccess/DATA/RCPT_CD.TSV")
    assert by_table["RCPT_CD"].path.read_bytes() == original
    # The sample keeps at most 1,000 data rows a table, CRLF line ends and a header row.
    assert by_table["RCPT_CD"].lines == original.count(b"\n")
    assert by_table["RCPT_CD"].records == original.count(b"\n") - 1
    assert 0 < by_table["RCPT_CD"].records <= 1000


def test_tsv_members_are_found_anywhere_in_any_case(tmp_path):
    archive = build_zip(
        tmp_path / "export.zip",
        {
            "deep/er/folder/rcpt_cd.tsv": b"A\tB\r\n1\t2\r\n",
            "FILERS_CD.TSV": b"X\r\n",
            "CalAccess/README.txt": b"not a table",
        },
    )
    folder = tmp_path / "tsv"
    folder.mkdir()
    result = extract_tables(archive, into(folder))
    assert [(f.table, f.size, f.records) for f in result.files] == [
        ("FILERS_CD", 3, 0),
        ("RCPT_CD", 10, 1),
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["FILERS_CD.TSV", "RCPT_CD.TSV"]


def test_tables_the_new_release_lacks_are_removed(tmp_path):
    (tmp_path / "GONE_CD.TSV").write_bytes(b"old")
    result = extract_tables(EXPORT, into(tmp_path))
    assert result.removed == [tmp_path / "GONE_CD.TSV"]
    assert not (tmp_path / "GONE_CD.TSV").exists()
    assert len(list(tmp_path.glob("*.TSV"))) == 80


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "/etc/RCPT_CD.TSV",
            "the archive holds a member with an absolute path: '/etc/RCPT_CD.TSV'",
        ),
        ("C:/RCPT_CD.TSV", "the archive holds a member with an absolute path: 'C:/RCPT_CD.TSV'"),
        (
            "CalAccess/../../RCPT_CD.TSV",
            "the archive holds a member that climbs out of its folder: "
            "'CalAccess/../../RCPT_CD.TSV'",
        ),
        (
            "CalAccess\\..\\RCPT_CD.TSV",
            "the archive holds a member that climbs out of its folder: "
            "'CalAccess\\\\..\\\\RCPT_CD.TSV'",
        ),
    ],
)
def test_unsafe_member_paths_are_refused(tmp_path, name, message):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("CalAccess/DATA/FILER_CD.TSV", b"X\r\n")
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # ZipInfo() would clean the name; a hostile tool does not
        handle.writestr(info, b"A\r\n")
    folder = tmp_path / "tsv"
    folder.mkdir()
    (folder / "FILER_CD.TSV").write_bytes(b"previous")

    with pytest.raises(UnsafeMember) as error:
        extract_tables(archive, into(folder))

    assert str(error.value) == message
    assert (folder / "FILER_CD.TSV").read_bytes() == b"previous"
    assert sorted(p.name for p in folder.iterdir()) == ["FILER_CD.TSV"]


def test_symbolic_links_are_refused(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        link = zipfile.ZipInfo("CalAccess/DATA/RCPT_CD.TSV")
        link.external_attr = (0o120777 << 16) | 0x20  # S_IFLNK | rwx
        handle.writestr(link, b"/etc/passwd")
    with pytest.raises(UnsafeMember, match=r"symbolic link: 'CalAccess/DATA/RCPT_CD\.TSV'$"):
        extract_tables(archive, into(tmp_path))


def test_a_crc_error_is_refused_and_previous_files_kept(tmp_path):
    data = b"FILER_ID\tNAME\r\n" + b"1\tSMITH\r\n" * 200
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:
        handle.writestr("CalAccess/DATA/ACRONYMS_CD.TSV", b"A\r\n")
        handle.writestr("CalAccess/DATA/FILERS_CD.TSV", data)
    raw = bytearray(archive.read_bytes())
    where = raw.index(b"SMITH")
    raw[where : where + 5] = b"JONES"  # same length, stored: only the CRC can notice
    archive.write_bytes(bytes(raw))
    folder = tmp_path / "tsv"
    folder.mkdir()
    (folder / "ACRONYMS_CD.TSV").write_bytes(b"previous")

    with pytest.raises(CorruptArchive) as error:
        extract_tables(archive, into(folder))

    assert str(error.value) == (
        "cannot extract CalAccess/DATA/FILERS_CD.TSV: Bad CRC-32 for file "
        "'CalAccess/DATA/FILERS_CD.TSV'"
    )
    assert (folder / "ACRONYMS_CD.TSV").read_bytes() == b"previous"
    assert sorted(p.name for p in folder.iterdir()) == ["ACRONYMS_CD.TSV"]


def test_corrupt_compressed_data_is_refused(tmp_path):
    archive = build_zip(tmp_path / "export.zip", {"RCPT_CD.TSV": bytes(range(256)) * 400})
    raw = bytearray(archive.read_bytes())
    start = 30 + len("RCPT_CD.TSV")  # the local header, then the deflated data
    raw[start + 10 : start + 60] = b"\xff" * 50
    archive.write_bytes(bytes(raw))
    with pytest.raises(CorruptArchive, match=r"^cannot extract RCPT_CD\.TSV: "):
        extract_tables(archive, into(tmp_path))


def test_a_truncated_archive_is_refused(tmp_path):
    archive = tmp_path / "export.zip"
    archive.write_bytes(EXPORT.read_bytes()[:1_000_000])
    with pytest.raises(CorruptArchive) as error:
        extract_tables(archive, into(tmp_path))
    assert str(error.value) == f"{archive} is not a readable ZIP archive (File is not a zip file)"
    assert isinstance(error.value, ToolkitError)


def test_an_archive_without_tables_is_refused(tmp_path):
    archive = build_zip(tmp_path / "export.zip", {"index.html": b"<html></html>"})
    with pytest.raises(NotAnExport, match="holds no .TSV files"):
        extract_tables(archive, into(tmp_path))


def test_two_members_for_one_table_are_refused(tmp_path):
    archive = build_zip(tmp_path / "export.zip", {"a/RCPT_CD.TSV": b"1", "b/rcpt_cd.tsv": b"2"})
    with pytest.raises(NotAnExport, match="two members hold table RCPT_CD"):
        extract_tables(archive, into(tmp_path))


def test_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractError, match="no export to extract at .*; download it first$"):
        extract_tables(tmp_path / "dbwebexport.zip", into(tmp_path))


def test_a_table_the_schema_does_not_know_is_skipped_and_reported(tmp_path):
    archive = build_zip(
        tmp_path / "export.zip",
        {"CalAccess/DATA/RCPT_CD.TSV": b"A\tB\r\n1\t2\r\n", "CalAccess/DATA/NEW_CD.TSV": b"X\r\n"},
    )
    folder = tmp_path / "tsv"
    folder.mkdir()
    result = extract_tables(archive, into(folder))
    assert [f.table for f in result.files] == ["RCPT_CD"]
    assert result.unknown == ["CalAccess/DATA/NEW_CD.TSV"]
    assert sorted(p.name for p in folder.iterdir()) == ["RCPT_CD.TSV"]
