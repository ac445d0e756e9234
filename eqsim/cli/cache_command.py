"""``python -m eqsim cache [info|clear]``."""
import os

from ..cache_folder import cache_dir
from ..core.memory import format_bytes


def folder_size(path):
    """Total bytes and number of files under ``path``."""
    total = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
                files += 1
            except OSError:  # removed by another process meanwhile
                pass
    return total, files


def cache_command(action):
    folder = cache_dir()
    if action == "clear":
        from ..codegen.compiler import clear_cache
        before, files = folder_size(folder)
        clear_cache()
        print(f"cleared {folder}: {files} files, {format_bytes(before)}")
        return 0
    size, files = folder_size(folder)
    print(f"cache folder: {folder}\nsize: {format_bytes(size)} in {files} files")
    return 0
