#!/usr/bin/python3
"""Run command-line transcripts and compare their output exactly.

A transcript (*.t) is a sequence of commands, each on a line starting with
"$ ", followed by the exact output expected (stdout and stderr together), then
"[N]" if the exit status is not 0. Lines starting with "#" and blank lines
between cases are comments; an output line that starts with "#" or "\\" is
written with a "\\" in front (Markdown headings, for one). An expected line
ending in " (re)" is a regular expression (for timestamps). Each transcript runs in a new empty directory with
CXOTRACK_DB=test.db, CXOTRACK_ACTOR=tester and the tool on PATH; $SRC is the
source tree.

usage: cram.py [--update] TOOL_DIRS SOURCE_DIR FILE.t...   (TOOL_DIRS: dirs put on PATH, joined by ":")
"""
import os
import re
import subprocess
import sys
import tempfile


def parse(path):
    cases, cur = [], None
    with open(path, encoding="utf-8", newline="") as f:
        for line in f.read().split("\n"):
            if line.startswith("$ "):
                cur = {"cmd": line[2:], "out": [], "rc": 0}
                cases.append(cur)
            elif cur is None or line.startswith("#"):
                continue
            elif re.fullmatch(r"\[\d+\]", line):
                cur["rc"] = int(line[1:-1])
            else:
                cur["out"].append(line[1:] if line.startswith(("\\#", "\\\\")) else line)
    for c in cases:  # blank lines separate cases; output ends before them
        while c["out"] and c["out"][-1] == "":
            c["out"].pop()
    return cases


def matches(expected, actual):
    if len(expected) != len(actual):
        return False
    for e, a in zip(expected, actual):
        if e.endswith(" (re)"):
            if not re.fullmatch(e[:-5], a):
                return False
        elif e != a:
            return False
    return True


def run(path, tool_dir, src, update):
    cases = parse(path)
    if not cases:
        print(f"{path}: no commands")
        return False
    env = dict(os.environ)
    env.update(CXOTRACK_DB="test.db", CXOTRACK_ACTOR="tester", SRC=src, LC_ALL="C.UTF-8",
               PATH=tool_dir + os.pathsep + env.get("PATH", ""))
    env.pop("CXOTRACK_LIBRARY", None)
    ok = True
    results = []
    with tempfile.TemporaryDirectory(prefix="cxotrack-cram-") as wd:
        for c in cases:
            p = subprocess.run(["bash", "-c", c["cmd"]], cwd=wd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            out = p.stdout.decode("utf-8", "replace").split("\n")
            if out and out[-1] == "":
                out.pop()
            results.append((c, out, p.returncode))
            if not matches(c["out"], out) or c["rc"] != p.returncode:
                ok = False
                print(f"--- {os.path.basename(path)}: $ {c['cmd']}")
                for line in c["out"]:
                    print(f"  expected| {line}")
                if c["rc"]:
                    print(f"  expected| [{c['rc']}]")
                for line in out:
                    print(f"  actual  | {line}")
                if p.returncode:
                    print(f"  actual  | [{p.returncode}]")
    if update and not ok:
        text = open(path, encoding="utf-8", newline="").read().split("\n")
        # rewrite each command's block with the actual output, keeping comments
        new, i, k = [], 0, 0
        while i < len(text):
            line = text[i]
            if line.startswith("$ "):
                c, out, rc = results[k]
                k += 1
                new.append(line)
                new.extend("\\" + o if o.startswith(("#", "\\")) else o for o in out)
                if rc:
                    new.append(f"[{rc}]")
                i += 1
                while i < len(text) and not text[i].startswith("$ ") and not text[i].startswith("#"):
                    i += 1
                continue
            new.append(line)
            i += 1
        open(path, "w", encoding="utf-8", newline="").write("\n".join(new))
    return ok


def main(argv):
    update = "--update" in argv
    argv = [a for a in argv if a != "--update"]
    if len(argv) < 3:
        print(__doc__)
        return 2
    tool_dirs = os.pathsep.join(os.path.abspath(d) for d in argv[0].split(os.pathsep))
    src, files = os.path.abspath(argv[1]), argv[2:]
    failed = [f for f in files if not run(f, tool_dirs, src, update)]
    print(f"{len(files) - len(failed)}/{len(files)} transcripts passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
