"""`ntm init`: the project file written atomically, never over one that exists."""

from __future__ import annotations

from pathlib import Path

from ntm_cli.domain.errors import UsageError
from ntm_cli.sources.output import write_atomic
from ntm_cli.workspace.config import PROJECT_FILE, Office, project_text


def write_project(
    folder: Path, data: Path | None, store: str, office: str, force: bool = False
) -> Path:
    """Write `folder/ntm.toml`; `data` is kept relative to it when it lies inside."""
    path = folder / PROJECT_FILE
    if path.exists() and not force:
        raise UsageError("init.exists", path=str(path))
    if data is not None:
        if not (data / "targets.yaml").is_file():
            raise UsageError("project.data_no_plan", path=str(data), source="--data")
        resolved = data.resolve()
        data_text = str(resolved.relative_to(folder.resolve())) if resolved.is_relative_to(
            folder.resolve()) else str(resolved)  # fmt: skip
    else:
        data_text = None
    text = project_text(data_text, store, Office(name=office))
    write_atomic(path, text.encode("utf-8"), force=True)
    return path
