"""One size format everywhere: decimal units, as the CDN, browsers and the progress bars count."""

from calaccess_toolkit.sizes import format_size


def test_sizes_read_in_decimal_units():
    assert format_size(None) == ""
    assert format_size(512) == "512 B"
    assert format_size(999) == "999 B"
    assert format_size(2048) == "2.0 KB"
    assert format_size(1_906_677) == "1.9 MB"  # the sample export, as the download describes it
    assert format_size(999_949) == "999.9 KB"
    assert format_size(999_999_999) == "1.0 GB"
    assert format_size(1_000_000_000) == "1.0 GB"
    assert format_size(3 * 10**15) == "3000.0 TB"
