"""Packaging: the in-tree build backend (wheel, sdist, metadata; the library
bundled or not), and `pip install --no-build-isolation` offline into a
virtual environment of Debian's Python and into a --target folder of the
python3 on PATH, each then opening a database."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tarfile
import unittest
import zipfile
from unittest import mock

import helpers
from helpers import DATASET, PACKAGE_ROOT, TempDirTest

import cxotrack

SYSTEM_PYTHON = "/usr/bin/python3"
VERSION = cxotrack.__version__
DIST_INFO = "cxotrack-%s.dist-info" % VERSION


def load_backend():
    spec = importlib.util.spec_from_file_location("cxotrack_build",
                                                  os.path.join(PACKAGE_ROOT, "_build", "cxotrack_build.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


backend = load_backend()


def no_library_env():
    env = dict(os.environ)
    env.pop("CXOTRACK_LIBRARY", None)
    return mock.patch.dict(os.environ, env, clear=True)


def library_bytes():
    with open(helpers.LIBRARY, "rb") as f:
        return f.read()


class BackendTest(TempDirTest):
    def build(self, settings=None, env_library=None):
        out = self.path("dist-%d" % len(os.listdir(self.dir)))
        with no_library_env():
            if env_library:
                os.environ["CXOTRACK_LIBRARY"] = env_library
            name = backend.build_wheel(out, settings)
        return os.path.join(out, name)

    def check_record(self, wheel):
        with zipfile.ZipFile(wheel) as z:
            names = z.namelist()
            record = list(csv.reader(io.StringIO(z.read(DIST_INFO + "/RECORD").decode())))
            self.assertEqual(sorted(r[0] for r in record), sorted(names))
            for path, digest, size in record:
                if path == DIST_INFO + "/RECORD":
                    self.assertEqual((digest, size), ("", ""))
                    continue
                data = z.read(path)
                algo, value = digest.split("=", 1)
                self.assertEqual(algo, "sha256")
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                self.assertEqual(value, expected, path)
                self.assertEqual(int(size), len(data), path)
            return {n: z.read(n) for n in names}

    def test_no_requirements(self):
        self.assertEqual(backend.get_requires_for_build_wheel(), [])
        self.assertEqual(backend.get_requires_for_build_sdist(), [])

    def test_a_pure_wheel(self):
        wheel = self.build()
        self.assertEqual(os.path.basename(wheel), "cxotrack-%s-py3-none-any.whl" % VERSION)
        files = self.check_record(wheel)
        package = sorted(n for n in files if n.startswith("cxotrack/"))
        self.assertEqual(package, ["cxotrack/__init__.py", "cxotrack/_database.py", "cxotrack/_errors.py",
                                   "cxotrack/_native.py", "cxotrack/_notebook.py", "cxotrack/_version.py",
                                   "cxotrack/py.typed"])
        for name in package:
            with open(os.path.join(PACKAGE_ROOT, name), "rb") as f:
                self.assertEqual(files[name], f.read(), name)
        wheel_file = files[DIST_INFO + "/WHEEL"].decode()
        self.assertIn("Root-Is-Purelib: true\n", wheel_file)
        self.assertIn("Tag: py3-none-any\n", wheel_file)
        self.assertIn("Wheel-Version: 1.0\n", wheel_file)
        metadata = files[DIST_INFO + "/METADATA"].decode()
        for line in ("Metadata-Version: 2.1", "Name: cxotrack", "Version: %s" % VERSION, "Requires-Python: >=3.9",
                     "License: MIT", "Provides-Extra: notebook", 'Requires-Dist: pandas; extra == "notebook"',
                     "Description-Content-Type: text/markdown"):
            self.assertIn(line + "\n", metadata)
        self.assertIn("\n\n# cxotrack for Python\n", metadata)
        self.assertIn(DIST_INFO + "/LICENSE", files)

    def test_the_wheel_is_reproducible(self):
        with open(self.build(), "rb") as a, open(self.build(), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_a_wheel_with_the_library_bundled(self):
        for how in ({"library": helpers.LIBRARY}, {"build-dir": os.path.dirname(helpers.LIBRARY)}, "env"):
            with self.subTest(how=how):
                if how == "env":
                    wheel = self.build(env_library=helpers.LIBRARY)
                else:
                    if "build-dir" in how and not os.path.exists(os.path.join(how["build-dir"], "libcxotrack.so.0")):
                        self.skipTest("the library is not in a build directory")
                    wheel = self.build(how)
                self.assertTrue(os.path.basename(wheel).startswith("cxotrack-%s-py3-none-linux_" % VERSION), wheel)
                files = self.check_record(wheel)
                self.assertEqual(files["cxotrack/libcxotrack.so.0"], library_bytes())
                self.assertIn("Root-Is-Purelib: false\n", files[DIST_INFO + "/WHEEL"].decode())
                with zipfile.ZipFile(wheel) as z:
                    mode = z.getinfo("cxotrack/libcxotrack.so.0").external_attr >> 16
                self.assertEqual(mode & 0o777, 0o755)

    def test_a_bad_library_is_refused(self):
        missing = self.path("nowhere.so")
        with self.assertRaises(backend.BuildError) as cm:
            self.build({"library": missing})
        self.assertEqual(str(cm.exception), "the config setting library names %s, which is not a file" % missing)
        with self.assertRaises(backend.BuildError) as cm:
            self.build(env_library=missing)
        self.assertEqual(str(cm.exception), "$CXOTRACK_LIBRARY names %s, which is not a file" % missing)
        notalib = self.path("libcxotrack.so.0")
        with open(notalib, "w") as f:
            f.write("text")
        with self.assertRaises(backend.BuildError) as cm:
            self.build({"build-dir": self.dir})
        self.assertTrue(str(cm.exception).startswith("the config setting build-dir names %s, which is not a "
                                                     "loadable libcxotrack: " % notalib), str(cm.exception))

    def test_a_library_of_another_major_version_is_not_bundled(self):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler to build a stub library")
        with open(self.path("stub.c"), "w") as f:
            f.write("int cxo_version_number(void) { return %d; }\n" % ((cxotrack.VERSION_MAJOR + 1) * 10000))
        stub = self.path("libstub.so")
        subprocess.run([cc, "-shared", "-fPIC", "-o", stub, self.path("stub.c")], check=True)
        with self.assertRaises(backend.BuildError) as cm:
            self.build({"library": stub})
        self.assertEqual(str(cm.exception), "the config setting library names %s, a libcxotrack of major version %d; "
                                            "this binding needs major version %d"
                         % (stub, cxotrack.VERSION_MAJOR + 1, cxotrack.VERSION_MAJOR))

    def test_prepare_metadata(self):
        with no_library_env():
            name = backend.prepare_metadata_for_build_wheel(self.dir)
        self.assertEqual(name, DIST_INFO)
        files = self.check_record(self.build())
        for f in ("METADATA", "WHEEL"):
            with open(os.path.join(self.dir, name, f), "rb") as fh:
                self.assertEqual(fh.read(), files[DIST_INFO + "/" + f])

    def test_the_version_must_be_the_trees(self):
        backend._check_tree_version((cxotrack.VERSION_MAJOR, cxotrack.VERSION_MINOR, cxotrack.VERSION_PATCH))
        with self.assertRaises(backend.BuildError) as cm:
            backend._check_tree_version((9, 9, 9))
        self.assertIn("cxotrack/_version.py says 9.9.9 but ", str(cm.exception))
        self.assertIn("make them equal", str(cm.exception))

    def test_the_sdist(self):
        name = backend.build_sdist(self.dir)
        self.assertEqual(name, "cxotrack-%s.tar.gz" % VERSION)
        with tarfile.open(os.path.join(self.dir, name)) as tar:
            members = tar.getnames()
            base = "cxotrack-%s/" % VERSION
            for needed in ("PKG-INFO", "LICENSE", "pyproject.toml", "README.md", "_build/cxotrack_build.py",
                           "cxotrack/__init__.py", "cxotrack/_native.py", "tests/test_native.py"):
                self.assertIn(base + needed, members)
            self.assertFalse([m for m in members if "__pycache__" in m or m.endswith((".pyc", ".so.0"))])
            pkg_info = tar.extractfile(base + "PKG-INFO").read().decode()
            self.assertIn("Version: %s\n" % VERSION, pkg_info)
        again = backend.build_sdist(self.path("again"))
        with open(os.path.join(self.dir, name), "rb") as a, open(os.path.join(self.path("again"), again), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_the_command_line(self):
        run = subprocess.run([sys.executable, os.path.join(PACKAGE_ROOT, "_build", "cxotrack_build.py"), "wheel",
                              self.dir], capture_output=True, text=True, env=dict(os.environ, CXOTRACK_LIBRARY=""))
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.strip(), os.path.join(self.dir, "cxotrack-%s-py3-none-any.whl" % VERSION))
        run = subprocess.run([sys.executable, os.path.join(PACKAGE_ROOT, "_build", "cxotrack_build.py")],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 2)


#: What an installed package must do: open a database, import, report, find its library.
SMOKE = """
import os, sys, tempfile, cxotrack
with tempfile.TemporaryDirectory() as d:
    with cxotrack.open(os.path.join(d, "t.db"), create=True) as db:
        db.import_files(sys.argv[1])
        assert db.report("tsag", meeting="cxo-2019-dubai")["meeting"]["id"] == "cxo-2019-dubai"
        assert len(db.history("imt-2020", lineage=True)) > 5
print(cxotrack.__file__)
print(cxotrack.library_path)
"""


class PipTest(TempDirTest):
    """pip install, offline, with both Pythons."""

    def pip_env(self, library=None):
        env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1",
                   PIP_NO_CACHE_DIR="1", PIP_ROOT_USER_ACTION="ignore")
        env.pop("CXOTRACK_LIBRARY", None)
        env.pop("PYTHONPATH", None)
        env.pop("PIP_REQUIRE_VIRTUALENV", None)
        if library:
            env["CXOTRACK_LIBRARY"] = library
        return env

    def run_ok(self, cmd, env, cwd=None):
        run = subprocess.run(cmd, env=env, cwd=cwd or self.dir, capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, "%s\n%s\n%s" % (" ".join(cmd), run.stdout, run.stderr))
        return run

    def source_is_untouched(self):
        """pip builds in the tree: it must leave nothing there."""
        left = []
        for dirpath, dirnames, filenames in os.walk(PACKAGE_ROOT):
            for name in dirnames + filenames:
                if name in ("build", "dist") or name.endswith((".egg-info", ".whl")):
                    left.append(os.path.join(dirpath, name))
        self.assertEqual(left, [])

    @unittest.skipUnless(os.path.exists(SYSTEM_PYTHON), "no Debian python3")
    def test_debian_python_into_a_venv_with_the_library_bundled(self):
        venv = self.path("venv")
        # --without-pip saves seconds: Debian's pip, seen through the system
        # site packages, installs into the venv all the same
        self.run_ok([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", "--without-pip", venv], self.pip_env())
        python = os.path.join(venv, "bin", "python")
        self.run_ok([python, "-m", "pip", "install", "--no-build-isolation", "--config-settings",
                     "library=%s" % helpers.LIBRARY, PACKAGE_ROOT], self.pip_env())
        self.source_is_untouched()
        run = self.run_ok([python, "-c", SMOKE, DATASET], self.pip_env())
        module, library = run.stdout.split()
        self.assertTrue(module.startswith(venv), module)
        self.assertEqual(library, os.path.join(os.path.dirname(module), "libcxotrack.so.0"))
        # pandas from Debian is visible in the venv: the notebook niceties work
        run = self.run_ok([python, "-c", "import cxotrack; print(type(cxotrack.open(':memory:').matrix()).__name__)"],
                          self.pip_env())
        self.assertEqual(run.stdout.strip(), "DataFrame")
        # and uninstalls cleanly (RECORD is right)
        self.run_ok([python, "-m", "pip", "uninstall", "-y", "cxotrack"], self.pip_env())
        self.assertFalse(os.path.exists(os.path.dirname(module)))

    def path_python(self):
        """The python3 on PATH, if it is not Debian's and has pip."""
        found = shutil.which("python3")
        if not found:
            self.skipTest("no python3 on PATH")
        real = subprocess.run([found, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True)
        if real.returncode != 0 or os.path.realpath(real.stdout.strip()) == os.path.realpath(SYSTEM_PYTHON):
            self.skipTest("the python3 on PATH is Debian's")
        if subprocess.run([found, "-m", "pip", "--version"], capture_output=True).returncode != 0:
            self.skipTest("the python3 on PATH has no pip")
        return found

    def test_path_python_into_a_target_folder(self):
        python = self.path_python()
        target = self.path("target")
        # a pure wheel: the library comes from $CXOTRACK_LIBRARY at run time
        self.run_ok([python, "-m", "pip", "install", "--no-build-isolation", "--target", target, PACKAGE_ROOT],
                    self.pip_env())
        self.source_is_untouched()
        self.assertFalse(os.path.exists(os.path.join(target, "cxotrack", "libcxotrack.so.0")))
        env = self.pip_env(library=helpers.LIBRARY)
        env["PYTHONPATH"] = target
        run = self.run_ok([python, "-c", SMOKE, DATASET], env)
        module, library = run.stdout.split()
        self.assertEqual(module, os.path.join(target, "cxotrack", "__init__.py"))
        self.assertEqual(library, helpers.LIBRARY)
        # without the variable nor a copy, it says where it looked
        env = self.pip_env()
        env["PYTHONPATH"] = target
        run = subprocess.run([python, "-c", "import cxotrack"], env=env, capture_output=True, text=True,
                             cwd=self.dir)
        if run.returncode == 0:
            self.skipTest("libcxotrack.so.0 is installed: the soname is found")
        self.assertIn("cxotrack: cannot find the C library libcxotrack.so.0", run.stderr)

    def test_path_python_with_the_library_bundled_at_build_time(self):
        python = self.path_python()
        target = self.path("bundled")
        self.run_ok([python, "-m", "pip", "install", "--no-build-isolation", "--target", target, PACKAGE_ROOT],
                    self.pip_env(library=helpers.LIBRARY))
        env = self.pip_env()
        env["PYTHONPATH"] = target
        run = self.run_ok([python, "-c", SMOKE, DATASET], env)
        self.assertEqual(run.stdout.split()[1], os.path.join(target, "cxotrack", "libcxotrack.so.0"))


if __name__ == "__main__":
    unittest.main()
