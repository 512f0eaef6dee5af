"""The in-tree PEP 517 build backend of the cxotrack Python package.

It needs nothing but the standard library (no setuptools, no wheel), so that
``pip install --no-build-isolation ./bindings/python`` works offline with any
Python >= 3.9 that has pip. It writes the wheel with :mod:`zipfile` and the
sdist with :mod:`tarfile`, reproducibly (sorted entries, fixed timestamps, or
``$SOURCE_DATE_EPOCH``).

The metadata comes from ``pyproject.toml`` (the ``[project]`` table), the
version from ``cxotrack/_version.py``; in the source tree, the version must
equal the C header's (``CXO_VERSION_MAJOR/MINOR/PATCH``) and CMake's project
version, or the build stops.

Bundling the C library. The wheel holds a copy of ``libcxotrack.so.0`` (and is
then tagged for this platform) when told where the library is, by the first of:

- ``--config-settings library=PATH`` (pip >= 23.1 also takes ``-C library=PATH``): the library file;
- ``--config-settings build-dir=DIR``: a CMake build directory holding
  ``libcxotrack.so.0``;
- the environment variable ``CXOTRACK_LIBRARY`` at build time.

Otherwise the wheel is pure Python and the installed package finds the library
at run time through ``$CXOTRACK_LIBRARY`` or the soname ``libcxotrack.so.0``.
A library of another major version than the binding is refused.
"""

from __future__ import annotations

import base64
import calendar
import ctypes
import gzip
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import time
import zipfile
from typing import Any, Dict, List, Mapping, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python (or an unpacked sdist)
PACKAGE = "cxotrack"
SONAME = "libcxotrack.so.%d"
LIBRARY_ENV = "CXOTRACK_LIBRARY"
#: What the sdist holds, besides PKG-INFO (directories are walked).
SDIST_FILES = ("pyproject.toml", "README.md", "_build", PACKAGE, "tests")


class BuildError(Exception):
    """A build that cannot go on; the message says why."""


# ---- metadata ----


def _toml(path: str) -> Dict[str, Any]:
    try:
        import tomllib  # Python >= 3.11
    except ImportError:  # pragma: no cover - older Pythons
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            raise BuildError("building cxotrack needs Python >= 3.11 (tomllib) or the tomli package") from None
    with open(path, "rb") as f:
        return tomllib.load(f)


def _version() -> Tuple[int, int, int]:
    with open(os.path.join(ROOT, PACKAGE, "_version.py"), encoding="utf-8") as f:
        text = f.read()
    parts = []
    for name in ("VERSION_MAJOR", "VERSION_MINOR", "VERSION_PATCH"):
        m = re.search(r"^%s = (\d+)$" % name, text, re.M)
        if not m:
            raise BuildError("%s/_version.py: no %s" % (PACKAGE, name))
        parts.append(int(m.group(1)))
    version = (parts[0], parts[1], parts[2])
    _check_tree_version(version)
    return version


def _check_tree_version(version: Tuple[int, int, int]) -> None:
    """In the source tree, the binding's version must be the header's and CMake's."""
    top = os.path.dirname(os.path.dirname(ROOT))
    header = os.path.join(top, "include", "cxotrack.h")
    if os.path.exists(header):
        with open(header, encoding="utf-8") as f:
            text = f.read()
        found = []
        for name in ("CXO_VERSION_MAJOR", "CXO_VERSION_MINOR", "CXO_VERSION_PATCH"):
            m = re.search(r"^#define %s (\d+)$" % name, text, re.M)
            if not m:
                raise BuildError("%s: no #define %s" % (header, name))
            found.append(int(m.group(1)))
        if tuple(found) != version:
            raise BuildError("%s/_version.py says %d.%d.%d but %s says %d.%d.%d: make them equal"
                             % ((PACKAGE,) + version + (header,) + tuple(found)))
    cmake = os.path.join(top, "CMakeLists.txt")
    if os.path.exists(cmake):
        with open(cmake, encoding="utf-8") as f:
            m = re.search(r"project\(\s*cxotrack\s+VERSION\s+(\d+)\.(\d+)\.(\d+)", f.read())
        if m and tuple(int(g) for g in m.groups()) != version:
            raise BuildError("%s/_version.py says %d.%d.%d but %s says %s: make them equal"
                             % ((PACKAGE,) + version + (cmake, ".".join(m.groups()))))


def _metadata(version: str) -> str:
    project = _toml(os.path.join(ROOT, "pyproject.toml"))["project"]
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % version,
        "Summary: %s" % project["description"],
    ]
    license_ = project.get("license", {})
    if "text" in license_:
        lines.append("License: %s" % license_["text"])
    for author in project.get("authors", []):
        if "name" in author:
            lines.append("Author: %s" % author["name"])
    if "requires-python" in project:
        lines.append("Requires-Python: %s" % project["requires-python"])
    if project.get("keywords"):
        lines.append("Keywords: %s" % ",".join(project["keywords"]))
    for classifier in project.get("classifiers", []):
        lines.append("Classifier: %s" % classifier)
    for label, url in project.get("urls", {}).items():
        lines.append("Project-URL: %s, %s" % (label, url))
    for dep in project.get("dependencies", []):
        lines.append("Requires-Dist: %s" % dep)
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append("Provides-Extra: %s" % extra)
        for dep in deps:
            lines.append('Requires-Dist: %s; extra == "%s"' % (dep, extra))
    readme = project.get("readme")
    body = ""
    if readme:
        with open(os.path.join(ROOT, readme), encoding="utf-8") as f:
            body = f.read()
        lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + body


# ---- the library to bundle ----


def _library(config_settings: Optional[Mapping[str, Any]], major: int) -> Optional[str]:
    settings = dict(config_settings or {})
    path = None
    origin = None
    if settings.get("library"):
        path, origin = settings["library"], "the config setting library"
    elif settings.get("build-dir"):
        path = os.path.join(settings["build-dir"], SONAME % major)
        origin = "the config setting build-dir"
    elif os.environ.get(LIBRARY_ENV):
        path, origin = os.environ[LIBRARY_ENV], "$" + LIBRARY_ENV
    if path is None:
        return None
    path = os.path.abspath(str(path))
    if not os.path.isfile(path):
        raise BuildError("%s names %s, which is not a file" % (origin, path))
    try:
        library = ctypes.CDLL(path)
        library.cxo_version_number.restype = ctypes.c_int
        number = library.cxo_version_number()
    except (OSError, AttributeError) as e:
        raise BuildError("%s names %s, which is not a loadable libcxotrack: %s" % (origin, path, e)) from None
    if number // 10000 != major:
        raise BuildError("%s names %s, a libcxotrack of major version %d; this binding needs major version %d"
                         % (origin, path, number // 10000, major))
    return path


def _platform_tag() -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", sysconfig.get_platform())


# ---- archives ----


def _timestamp() -> Tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        t = time.gmtime(max(int(epoch), 315532800))  # zip cannot go before 1980
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return (2000, 1, 1, 0, 0, 0)


def _package_files() -> List[Tuple[str, str]]:
    """(archive name, file path) of the package's files."""
    out = []
    pkg = os.path.join(ROOT, PACKAGE)
    for name in sorted(os.listdir(pkg)):
        path = os.path.join(pkg, name)
        if os.path.isfile(path) and (name.endswith(".py") or name == "py.typed"):
            out.append(("%s/%s" % (PACKAGE, name), path))
    return out


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Wheel:
    def __init__(self, path: str) -> None:
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records: List[str] = []
        self.date = _timestamp()

    def add(self, name: str, data: bytes, executable: bool = False) -> None:
        info = zipfile.ZipInfo(name, self.date)
        info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.records.append("%s,%s,%d" % (name, _record_hash(data), len(data)))

    def close(self, record_name: str) -> None:
        self.records.append("%s,," % record_name)
        info = zipfile.ZipInfo(record_name, self.date)
        info.external_attr = (0o644 | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _dist_info_files(version: str, tag: str, purelib: bool) -> Dict[str, bytes]:
    wheel = ("Wheel-Version: 1.0\nGenerator: cxotrack_build %s\nRoot-Is-Purelib: %s\nTag: %s\n"
             % (version, "true" if purelib else "false", tag))
    files = {
        "METADATA": _metadata(version).encode("utf-8"),
        "WHEEL": wheel.encode("utf-8"),
    }
    licence = _licence()
    if licence:
        with open(licence, "rb") as f:
            files["LICENSE"] = f.read()
    return files


def _licence() -> Optional[str]:
    """The licence file: beside pyproject.toml (an sdist), else the project's."""
    for path in (os.path.join(ROOT, "LICENSE"), os.path.join(os.path.dirname(os.path.dirname(ROOT)), "LICENSE")):
        if os.path.isfile(path):
            return path
    return None


# ---- the PEP 517 hooks ----


def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    """Nothing: the backend needs only the standard library."""
    return []


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    """Nothing: the backend needs only the standard library."""
    return []


def _tag(config_settings: Optional[Mapping[str, Any]]) -> Tuple[str, Optional[str], str]:
    major, minor, patch = _version()
    version = "%d.%d.%d" % (major, minor, patch)
    library = _library(config_settings, major)
    tag = "py3-none-%s" % (_platform_tag() if library else "any")
    return version, library, tag


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Mapping[str, Any]] = None) -> str:
    """Write the .dist-info directory (METADATA, WHEEL) and return its name."""
    version, library, tag = _tag(config_settings)
    dist_info = "%s-%s.dist-info" % (PACKAGE, version)
    target = os.path.join(metadata_directory, dist_info)
    os.makedirs(target, exist_ok=True)
    for name, data in _dist_info_files(version, tag, library is None).items():
        with open(os.path.join(target, name), "wb") as f:
            f.write(data)
    return dist_info


def build_wheel(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    """Write the wheel into `wheel_directory` and return its file name."""
    version, library, tag = _tag(config_settings)
    name = "%s-%s-%s.whl" % (PACKAGE, version, tag)
    dist_info = "%s-%s.dist-info" % (PACKAGE, version)
    os.makedirs(wheel_directory, exist_ok=True)
    wheel = _Wheel(os.path.join(wheel_directory, name))
    try:
        for arcname, path in _package_files():
            with open(path, "rb") as f:
                wheel.add(arcname, f.read())
        if library:
            with open(library, "rb") as f:  # follows the symlink to the real file
                wheel.add("%s/%s" % (PACKAGE, SONAME % int(version.split(".")[0])), f.read(), executable=True)
        for file_name, data in sorted(_dist_info_files(version, tag, library is None).items()):
            wheel.add("%s/%s" % (dist_info, file_name), data)
    finally:
        wheel.close("%s/RECORD" % dist_info)
    return name


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    """Write the source distribution (.tar.gz) into `sdist_directory` and return its file name."""
    major, minor, patch = _version()
    version = "%d.%d.%d" % (major, minor, patch)
    base = "%s-%s" % (PACKAGE, version)
    name = base + ".tar.gz"
    mtime = calendar.timegm(_timestamp() + (0, 0, 0))
    os.makedirs(sdist_directory, exist_ok=True)

    def add(tar: tarfile.TarFile, arcname: str, data: bytes) -> None:
        info = tarfile.TarInfo("%s/%s" % (base, arcname))
        info.size = len(data)
        info.mtime = int(mtime)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))

    # gzip by hand: its header holds a time too, which tarfile's "w:gz" takes from the clock
    with open(os.path.join(sdist_directory, name), "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=int(mtime)) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        add(tar, "PKG-INFO", _metadata(version).encode("utf-8"))
        licence = _licence()
        if licence:
            with open(licence, "rb") as f:
                add(tar, "LICENSE", f.read())
        files = []
        for entry in SDIST_FILES:
            path = os.path.join(ROOT, entry)
            if os.path.isfile(path):
                files.append(entry)
            elif os.path.isdir(path):
                for dirpath, dirnames, filenames in os.walk(path):
                    dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
                    for f in sorted(filenames):
                        if not f.endswith((".pyc", ".so", ".so.0")):
                            files.append(os.path.relpath(os.path.join(dirpath, f), ROOT))
        for rel in sorted(files):
            with open(os.path.join(ROOT, rel), "rb") as f:
                add(tar, rel.replace(os.sep, "/"), f.read())
    return name


def main(argv: Optional[List[str]] = None) -> int:
    """``python3 _build/cxotrack_build.py wheel|sdist DIR [library=PATH|build-dir=DIR]``:
    build without pip (for packagers)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in ("wheel", "sdist"):
        print("usage: cxotrack_build.py wheel|sdist DIR [library=PATH] [build-dir=DIR]", file=sys.stderr)
        return 2
    settings = dict(a.split("=", 1) for a in args[2:] if "=" in a)
    try:
        name = (build_wheel if args[0] == "wheel" else build_sdist)(args[1], settings)
    except BuildError as e:
        print("cxotrack_build: %s" % e, file=sys.stderr)
        return 1
    print(os.path.join(args[1], name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
