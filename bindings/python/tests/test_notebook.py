"""examples/notebooks/cto-meetings.ipynb runs headless (nbclient, ipykernel)
without an error, shows what it promises, and is kept without outputs."""

from __future__ import annotations

import json
import os
import unittest

import helpers
from helpers import NOTEBOOK, PACKAGE_ROOT

try:
    import nbformat
    from nbclient import NotebookClient
except ImportError:  # pragma: no cover - Debian: python3-nbclient
    nbformat = None


class CleanTest(unittest.TestCase):
    def test_the_notebook_is_saved_without_outputs(self):
        with open(NOTEBOOK, encoding="utf-8") as f:
            nb = json.load(f)
        self.assertEqual(nb["metadata"]["kernelspec"]["name"], "python3")
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        self.assertGreaterEqual(len(code), 6)
        for cell in code:
            self.assertEqual(cell["outputs"], [], cell["id"])
            self.assertIsNone(cell["execution_count"], cell["id"])


@unittest.skipIf(nbformat is None, "nbclient is not installed (Debian: python3-nbclient python3-ipykernel)")
class RunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        env = dict(os.environ)
        env["CXOTRACK_LIBRARY"] = helpers.LIBRARY
        env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        env.pop("MPLBACKEND", None)  # the kernel's default: inline figures
        env.pop("CXOTRACK_DATASET", None)  # the notebook finds the dataset beside it, as a user's would
        client = NotebookClient(nb, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}})
        client.execute(env=env)
        cls.nb = nb

    def outputs(self):
        for cell in self.nb.cells:
            if cell.cell_type == "code":
                for out in cell.outputs:
                    yield cell, out

    def test_no_cell_failed(self):
        errors = [(cell.source.splitlines()[0], out.get("ename"), out.get("evalue"))
                  for cell, out in self.outputs() if out.output_type == "error"]
        self.assertEqual(errors, [])
        streams = "".join(out.text for cell, out in self.outputs() if out.output_type == "stream"
                          and out.name == "stderr")
        self.assertNotIn("Traceback", streams)
        self.assertNotIn("Warning", streams)

    def test_every_code_cell_ran(self):
        for cell in self.nb.cells:
            if cell.cell_type == "code":
                self.assertIsNotNone(cell.execution_count, cell.source[:40])

    def test_it_shows_the_history_the_matrix_a_plot_and_the_tsag_report(self):
        html = [out.data["text/html"] for cell, out in self.outputs() if "text/html" in out.get("data", {})]
        text = "".join(out.get("text", "") for cell, out in self.outputs())
        self.assertTrue(any("imt-2020" in h and "movement" in h for h in html), "the history table")
        self.assertTrue(any("cto-2009-geneva" in h and "meeting" in h and "gap" in h for h in html), "the matrix")
        self.assertTrue(any("image/png" in out.get("data", {}) for cell, out in self.outputs()), "the plot")
        self.assertIn("Report to TSAG: CxO meeting, Dubai, 2019-12", text)
        inline = [h for h in html if h.startswith('<iframe class="cxotrack-report"')]
        self.assertEqual(len(inline), 1, "the HTML report inline")
        self.assertIn("Report to TSAG: CxO meeting, Dubai, 2019-12", inline[0])


if __name__ == "__main__":
    unittest.main()
