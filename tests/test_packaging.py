"""Packaging: `uv build` makes exactly the files we mean to ship, the wheel carries the bank,
and fibrofoot finds it from any working directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from fibrofoot import __version__

ROOT = Path(__file__).resolve().parents[1]
BANK_FILES = sorted(p.name for p in (ROOT / "questions").glob("*.yaml"))
PERSONA = Path(__file__).parent / "personas" / "plantar_fasciitis.yaml"
CONSOLE_SCRIPT = Path(sys.executable).parent / "fibrofoot"


SDIST_ROOTS = ("fibrofoot/", "questions/", "schema/", "tests/", "bench/")
SDIST_FILES = ("README.md", "LICENSE", "pyproject.toml", "uv.lock", ".gitignore")
DIST_INFO = ("METADATA", "WHEEL", "entry_points.txt", "licenses/LICENSE", "RECORD")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built by `uv build` as a release would be."""
    uv = shutil.which("uv")
    assert uv is not None, "uv is needed to build (the README's quick start installs it)"
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [uv, "build", "--out-dir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("*.whl")
    return built


def _source_files() -> list[str]:
    """The files git tracks or would track (not ignored), as the build sees the tree."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


def test_the_sdist_holds_exactly_the_source(dist: Path) -> None:
    """The source release is the package, the bank, the tests, the benchmark and the project
    files: no cache, no CI script, nothing else."""
    (sdist,) = dist.glob("*.tar.gz")
    top = f"fibrofoot-{__version__}/"
    with tarfile.open(sdist) as archive:
        packed = {m.name.removeprefix(top) for m in archive.getmembers() if m.isfile()}
    expected = {n for n in _source_files() if n.startswith(SDIST_ROOTS) or n in SDIST_FILES}
    assert packed == expected | {"PKG-INFO"}


def test_the_wheel_holds_exactly_the_package_and_its_bank(wheel: Path) -> None:
    """The wheel is the package, with the bank and its README inside it, and its metadata."""
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    sources = _source_files()
    expected = {n for n in sources if n.startswith("fibrofoot/")}
    expected |= {f"fibrofoot/{n}" for n in sources if n.startswith("questions/")}
    expected |= {f"fibrofoot-{__version__}.dist-info/{name}" for name in DIST_INFO}
    assert "fibrofoot/questions/README.md" in expected
    assert packed == expected


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel's contents, as an installer would lay them out in site-packages."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)  # noqa: S202 (the wheel this test just built)
    return site


def _run(
    argv: list[str], cwd: Path, pythonpath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_wheel_holds_the_bank_inside_the_package(wheel: Path) -> None:
    """Every bank YAML file is in the wheel under fibrofoot/questions/, unchanged."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in BANK_FILES:
            assert f"fibrofoot/questions/{name}" in names
            packed = archive.read(f"fibrofoot/questions/{name}")
            assert packed == (ROOT / "questions" / name).read_bytes()
    assert "fibrofoot/__main__.py" in names


def test_the_wheel_declares_the_console_script(wheel: Path) -> None:
    """The wheel's entry points install a `fibrofoot` command."""
    with zipfile.ZipFile(wheel) as archive:
        entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
        assert "fibrofoot = fibrofoot.terminal.cli:run" in archive.read(entry_points).decode()


def test_the_unpacked_wheel_finds_its_own_bank(unpacked: Path, tmp_path: Path) -> None:
    """Run from an unrelated folder, the installed package reads the bank packed inside it."""
    code = (
        "import fibrofoot; from fibrofoot.bank.folder import default_bank_dir; "
        "print(fibrofoot.__file__); print(default_bank_dir())"
    )
    done = _run([sys.executable, "-c", code], tmp_path, unpacked)
    assert done.returncode == 0, done.stderr
    package_file, bank_dir = done.stdout.splitlines()
    assert Path(package_file).is_relative_to(unpacked)
    assert Path(bank_dir) == unpacked / "fibrofoot" / "questions"


def test_python_m_fibrofoot_checks_the_packaged_bank(unpacked: Path, tmp_path: Path) -> None:
    """`python -m fibrofoot questions --check` works from the unpacked wheel elsewhere."""
    done = _run([sys.executable, "-m", "fibrofoot", "questions", "--check"], tmp_path, unpacked)
    assert done.returncode == 0, done.stderr
    assert "The question bank is valid" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_fibrofoot_reports_from_the_packaged_bank(unpacked: Path, tmp_path: Path) -> None:
    """`python -m fibrofoot report` works from the unpacked wheel in another folder."""
    done = _run([sys.executable, "-m", "fibrofoot", "report", str(PERSONA)], tmp_path, unpacked)
    assert done.returncode == 0, done.stderr
    assert "plantar fasciitis" in done.stdout


def test_python_m_fibrofoot_version(tmp_path: Path) -> None:
    """`python -m fibrofoot --version` prints the version."""
    done = _run([sys.executable, "-m", "fibrofoot", "--version"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"fibrofoot {__version__}"


@pytest.mark.parametrize(
    ("args", "stream", "expected"),
    [
        pytest.param(["questions", "--check"], "stderr", "The question bank is valid", id="check"),
        pytest.param(["report", str(PERSONA)], "stdout", "FOOT PAIN SUMMARY", id="report"),
        pytest.param(["--version"], "stdout", f"fibrofoot {__version__}", id="version"),
    ],
)
def test_the_console_script_works_from_another_folder(
    tmp_path: Path, args: list[str], stream: str, expected: str
) -> None:
    """The installed `fibrofoot` command finds its bank when run from an unrelated folder."""
    assert CONSOLE_SCRIPT.exists(), f"no console script at {CONSOLE_SCRIPT}"
    done = _run([str(CONSOLE_SCRIPT), *args], tmp_path)
    assert done.returncode == 0, done.stderr
    assert expected in getattr(done, stream)
