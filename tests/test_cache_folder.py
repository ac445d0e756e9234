"""The cache folder is an absolute path, and one that cannot be created or written is a
clear error naming it and EQSIM_CACHE_DIR."""
import os

import pytest

from eqsim.cache_folder import CacheFolderError, cache_dir


def test_relative_cache_folder_becomes_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EQSIM_CACHE_DIR", "-Dx")
    assert cache_dir() == str(tmp_path / "-Dx")
    assert os.path.isdir(tmp_path / "-Dx")


@pytest.mark.parametrize("where", ["below a file", "a file"])
def test_cache_folder_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch, where):
    (tmp_path / "file").write_text("")
    folder = tmp_path / "file" / "cache" if where == "below a file" else tmp_path / "file"
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(folder))
    with pytest.raises(CacheFolderError) as info:
        cache_dir()
    message = str(info.value)
    assert str(folder) in message and "EQSIM_CACHE_DIR" in message
    assert info.value.code == "EQ420"
