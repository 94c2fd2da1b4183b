from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mantlet.cli.io import ErrorPolicy, read_text_blocks


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), block=st.integers(min_value=1, max_value=50))
def test_blocks_rebuild_the_text_with_right_offsets_and_lines(
    tmp_path: Path, text: str, block: int
) -> None:
    path = tmp_path / "t.txt"
    data = text.replace("\x00", "").encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # lone surrogates are not UTF-8: covered by the error tests
    blocks = list(read_text_blocks(str(path), ErrorPolicy.FAIL, block_chars=block))
    assert "".join(b.text for b in blocks) == original
    for b in blocks:
        assert original[b.offset : b.offset + len(b.text)] == b.text
        assert b.first_line == original[: b.offset].count("\n") + 1
