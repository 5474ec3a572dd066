"""README.md is the front page and lies outside the DocFX site, so DocFX never checks its links: these tests do.
Every relative link in README.md and in docs/ (articles, index) must point to a file or folder that exists, and a
bookmark into a Markdown file must name one of its headings (as DocFX and GitHub spell heading ids). README must open
with the two commands (.ci/run calls scripts/test.sh) and stay a front page.

Run: cd tests/docs && python3 -m unittest -v test_links
"""
import re
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
FRONT_PAGE_MAX_LINES = 160

FENCE = re.compile(r"^\s*```.*?^\s*```", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def markdown_files():
    docs = sorted(p for p in (ROOT / "docs").rglob("*.md") if "api" not in p.relative_to(ROOT / "docs").parts[:1])
    return [README] + docs


def links(path):
    """(line, target) of every Markdown link and image outside code, in file order."""
    text = path.read_text(encoding="utf-8")
    # Blank out code blocks and spans, keeping line numbers.
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    for m in LINK.finditer(text):
        yield text.count("\n", 0, m.start()) + 1, m.group(1)


def heading_ids(path):
    """Heading ids as DocFX (Markdig's GitHub style) and GitHub write them: lower case, punctuation dropped,
    spaces to hyphens."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    ids = set()
    for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M):
        title = m.group(1).lower()
        ids.add("".join(c for c in title.replace(" ", "-") if c.isascii() and (c.isalnum() or c in "-_")))
    return ids


class LinkTests(unittest.TestCase):
    def test_relative_links_point_to_existing_files(self):
        broken = []
        for md in markdown_files():
            for line, target in links(md):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue  # http(s), mailto, xref: DocFX or the web check those; same-page bookmarks below
                file_part, _, anchor = target.partition("#")
                resolved = (md.parent / file_part).resolve()
                where = f"{md.relative_to(ROOT)}:{line}: {target}"
                if not resolved.exists():
                    broken.append(f"{where} (no such file: {resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else resolved})")
                elif anchor and resolved.suffix == ".md" and anchor not in heading_ids(resolved):
                    broken.append(f"{where} (no heading with id '{anchor}' in {resolved.relative_to(ROOT)})")
        self.assertEqual(broken, [], "broken links:\n" + "\n".join(broken))

    def test_same_page_bookmarks_name_a_heading(self):
        broken = []
        for md in markdown_files():
            ids = heading_ids(md)
            for line, target in links(md):
                if target.startswith("#") and target[1:] not in ids:
                    broken.append(f"{md.relative_to(ROOT)}:{line}: {target}")
        self.assertEqual(broken, [], "broken bookmarks:\n" + "\n".join(broken))

    def test_readme_links_reach_every_article(self):
        targets = {(README.parent / t.partition("#")[0]).resolve() for _, t in links(README)}
        missing = [p.name for p in sorted((ROOT / "docs" / "articles").glob("*.md")) if p.resolve() not in targets]
        self.assertEqual(missing, [], "articles README does not link to")

    def test_readme_opens_with_the_two_commands(self):
        text = README.read_text(encoding="utf-8")
        first_block = re.search(r"```bash\n(.*?)```", text, re.S)
        self.assertIsNotNone(first_block, "README has no bash code block")
        commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
        self.assertEqual(commands, ["bash scripts/run.sh", "bash scripts/test.sh"])
        self.assertLess(text.index("```bash"), text.index("\n## "), "the two commands must come before the first section")

    def test_readme_stays_a_front_page(self):
        lines = README.read_text(encoding="utf-8").count("\n")
        self.assertLessEqual(lines, FRONT_PAGE_MAX_LINES,
                             f"README.md has {lines} lines: details belong in docs/articles (the front page keeps "
                             f"the commands, the notebooks, the status and where things are)")


class HeadingIdTests(unittest.TestCase):
    """The id rule against ids DocFX 2.81 generated for this site's headings."""

    def test_heading_id_rule_matches_docfx(self):
        with tempfile.TemporaryDirectory() as folder:
            sample = Path(folder) / "sample.md"
            sample.write_text("# Old libstdc++ (Debian 12, Ubuntu 22.04)\n## Rainfall–runoff accuracy\n"
                              "## Benchmark (`tests/HydroWorkshop.Surrogates.Benchmarks`)\n", encoding="utf-8")
            self.assertEqual(heading_ids(sample), {"old-libstdc-debian-12-ubuntu-2204", "rainfallrunoff-accuracy",
                                                   "benchmark-testshydroworkshopsurrogatesbenchmarks"})


if __name__ == "__main__":
    unittest.main()
